package dev.osc.engine.pg;

import static org.assertj.core.api.Assertions.assertThat;

import dev.osc.engine.check.CheckContext;
import dev.osc.engine.check.ClauseFacts;
import dev.osc.engine.check.Tables;
import dev.osc.engine.scenario.TestDatabase;
import java.sql.Connection;
import java.util.List;
import org.junit.jupiter.api.Test;

class PgLogicalDecodingCheckTest {
    @Test
    void refusesAWalLevelBelowLogicalAndAServerBefore13() {
        assertThat(PgLogicalDecodingCheck.verdict("replica", 160000))
                .containsExactly("wal_level is replica; the shadow path needs wal_level=logical (restart required)");
        assertThat(PgLogicalDecodingCheck.verdict("logical", 120017))
                .containsExactly("PostgreSQL 13 or later is needed by the shadow path");
        assertThat(PgLogicalDecodingCheck.verdict("logical", 130000)).isEmpty();
    }

    @Test
    void theTestServerPasses() throws Exception {
        try (Connection c = TestDatabase.postgres().connect()) {
            CheckContext context = CheckContext.beforeProbe(c, Tables.keyed("id"), new ClauseFacts("", false), List.of());
            assertThat(new PgLogicalDecodingCheck().refusals(context)).isEmpty();
        }
    }
}
