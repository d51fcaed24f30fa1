package dev.osc.engine.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.osc.engine.run.RunResult;
import org.junit.jupiter.api.Test;

/** The human summary names every writer hold a run took, and no "null" for one it did not take. */
class AlterSummaryTest {

    @Test
    void aShadowRunReportsTheChecksumsHoldBesideTheSwaps() {
        RunResult r = new RunResult().put("status", "done").put("strategy", "shadow").put("rowsCopied", 1000L)
                .put("changesApplied", 12L).put("cutoverBlockingMs", 23L).put("durationMs", 900L).put("checksum", "match")
                .put("checksumBlockingMs", 11L).put("uniqueIndexBlockingMs", 9L);
        assertThat(AlterCommand.summary(r)).isEqualTo("osc: done (shadow) rows copied 1000, changes applied 12, "
                + "writers held 23 ms (swap) + 11 ms (checksum snapshot) + 9 ms (unique index build), took 900 ms, checksum match");
    }

    @Test
    void aDryRunShowsNoBlockingWindow() {
        RunResult r = new RunResult().put("status", "dry-run").put("strategy", "shadow").put("rowsCopied", 0L)
                .put("changesApplied", 0L).put("cutoverBlockingMs", null).put("durationMs", 40L).put("checksum", null);
        assertThat(AlterCommand.summary(r)).isEqualTo("osc: dry-run (shadow), took 40 ms").doesNotContain("null");
    }

    @Test
    void directDdlNamesTheAltersOwnHold() {
        RunResult r = new RunResult().put("status", "done").put("strategy", "direct").put("rowsCopied", 0L)
                .put("changesApplied", 0L).put("cutoverBlockingMs", 4L).put("durationMs", 30L).put("checksum", "not needed");
        assertThat(AlterCommand.summary(r)).isEqualTo("osc: done (direct) rows copied 0, changes applied 0, "
                + "writers held 4 ms (the ALTER), took 30 ms, checksum not needed");
    }
}
