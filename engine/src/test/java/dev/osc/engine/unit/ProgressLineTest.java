package dev.osc.engine.unit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.osc.engine.run.ProgressPrinter;
import dev.osc.engine.run.RunProgress;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.time.Clock;
import org.junit.jupiter.api.Test;

class ProgressLineTest {

    @Test
    void theCopyRateIsTheAverageSinceTheCopyBeganSoItNeverReadsZeroBetweenChunks() throws Exception {
        RunProgress progress = new RunProgress();
        progress.estimatedRows.set(1_000_000);
        progress.phase("copy");
        try (ProgressPrinter printer = new ProgressPrinter(progress, new PrintStream(new ByteArrayOutputStream()), Clock.systemUTC(), () -> 12, false)) {
            assertThat(printer.lineAt(0)).isEqualTo("osc [copy] rows 0/1,000,000 (0%), changes applied 0, changed keys waiting 0, stream lag 12 ms");
            progress.rowsCopied.set(100_000);
            progress.dirtyKeys.set(7);
            assertThat(printer.lineAt(2_000)).isEqualTo(
                    "osc [copy] rows 100,000/1,000,000 (10%), 50,000 rows/s, ETA 18 s, changes applied 0, changed keys waiting 7, stream lag 12 ms");
            // no chunk landed in the last second: the rate stays the average, not 0
            assertThat(printer.lineAt(3_000)).contains("33,333 rows/s");
        }
    }

    @Test
    void aThrottledCopyShowsWhy() {
        RunProgress progress = new RunProgress();
        progress.phase("copy");
        try (ProgressPrinter printer = new ProgressPrinter(progress, new PrintStream(new ByteArrayOutputStream()), Clock.systemUTC(), () -> 0, false)) {
            progress.throttleReason.set("flag-file: /tmp/pause exists");
            assertThat(printer.lineAt(0)).endsWith(", stream lag 0 ms, throttled: flag-file: /tmp/pause exists");
            progress.throttleReason.set(null);
            assertThat(printer.lineAt(1_000)).doesNotContain("throttled");
        }
    }
}
