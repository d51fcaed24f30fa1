package dev.osc.engine.pg;

import static org.assertj.core.api.Assertions.assertThat;

import dev.osc.engine.check.Check;
import dev.osc.engine.check.CheckPhase;
import dev.osc.engine.model.TableName;
import org.junit.jupiter.api.Test;

class PgChecksTest {
    @Test
    void sharedChecksFirstThenPostgresOwnEachInItsPhase() {
        assertThat(PgChecks.registry().checks()).extracting(Check::name).containsExactly(
                "usable-key", "key-type", "replica-identity", "key-change", "foreign-keys-in", "dependent-views", "triggers", "partitioning",
                "using-expression", "logical-decoding", "replication-role", "publication-owner", "leftover-names");
        assertThat(PgChecks.registry().checks()).filteredOn(c -> c.phase() == CheckPhase.PROBED).extracting(Check::name)
                .containsExactly("key-change", "using-expression");
        assertThat(PgChecks.registry().checks()).allMatch(c -> c.phase() == CheckPhase.PLAN || c.phase() == CheckPhase.PROBED);
    }

    @Test
    void theRunNeedsEveryTableItsNamesClassNames() {
        PgRunNames names = new PgRunNames(new TableName("s", "t"), "r1");
        assertThat(PgChecks.runTables(names)).containsExactly(names.shadow(), names.old(), names.fence(), names.state(), names.probe());
    }
}
