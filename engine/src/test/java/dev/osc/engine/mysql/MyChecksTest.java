package dev.osc.engine.mysql;

import static org.assertj.core.api.Assertions.assertThat;

import dev.osc.engine.check.Check;
import dev.osc.engine.check.CheckPhase;
import dev.osc.engine.model.TableName;
import org.junit.jupiter.api.Test;

class MyChecksTest {
    @Test
    void sharedChecksFirstThenTheServersOwnEachInItsPhase() {
        assertThat(MyChecks.registry().checks()).extracting(Check::name).containsExactly(
                "usable-key", "key-type", "key-change", "foreign-keys-in", "foreign-keys-out", "triggers", "dependent-views",
                "partitioning", "name-length", "leftover-names", "binary-log", "replication-grants");
        assertThat(MyChecks.registry().checks()).filteredOn(c -> c.phase() == CheckPhase.PROBED).extracting(Check::name)
                .containsExactly("key-change");
        assertThat(MyChecks.registry().checks()).allMatch(c -> c.phase() == CheckPhase.PLAN || c.phase() == CheckPhase.PROBED);
    }

    @Test
    void theRunNeedsEveryTableItsNamesClassNamesTheSentryIncluded() {
        MyRunNames names = new MyRunNames(new TableName("d", "t"), "r1");
        assertThat(MyChecks.runTables(names)).containsExactly(names.shadow(), names.sentry(), names.old(), names.fence(),
                names.state(), names.probe());
    }

    @Test
    void aNameTooLongForTheShadowStillHasItsOtherNamesChecked() {
        MyRunNames names = new MyRunNames(new TableName("d", "t".repeat(MyRunNames.MAX_SOURCE_NAME_CHARS + 1)), "r1");
        assertThat(MyChecks.runTables(names)).containsExactly(names.old(), names.fence(), names.state(), names.probe());
    }
}
