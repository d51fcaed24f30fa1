package dev.osc.engine.pg;

import static org.assertj.core.api.Assertions.assertThat;

import dev.osc.engine.check.CheckContext;
import dev.osc.engine.check.ClauseFacts;
import dev.osc.engine.check.Tables;
import dev.osc.engine.scenario.TestDatabase;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;

class PgReplicationRoleCheckTest {
    private static List<String> refusals(Connection c) throws Exception {
        return new PgReplicationRoleCheck().refusals(
                CheckContext.beforeProbe(c, Tables.keyed("id"), new ClauseFacts("", false), List.of()));
    }

    @Test
    void aRoleWithoutReplicationIsRefusedAndOneWithItPasses() throws Exception {
        TestDatabase.postgres().exec("DROP ROLE IF EXISTS osc_check_norepl", "DROP ROLE IF EXISTS osc_check_repl",
                "CREATE ROLE osc_check_norepl NOREPLICATION", "CREATE ROLE osc_check_repl REPLICATION");
        try (Connection c = TestDatabase.postgres().connect(); Statement st = c.createStatement()) {
            assertThat(refusals(c)).as("the superuser").isEmpty();
            st.execute("SET ROLE osc_check_norepl");
            assertThat(refusals(c)).containsExactly(
                    "the user needs the REPLICATION attribute (ALTER ROLE ... REPLICATION) for the shadow path");
            st.execute("SET ROLE osc_check_repl");
            assertThat(refusals(c)).isEmpty();
            st.execute("RESET ROLE");
        } finally {
            TestDatabase.postgres().exec("DROP ROLE osc_check_norepl", "DROP ROLE osc_check_repl");
        }
    }
}
