package dev.osc.engine.pg;

import static org.assertj.core.api.Assertions.assertThat;

import dev.osc.engine.check.CheckContext;
import dev.osc.engine.check.ClauseFacts;
import dev.osc.engine.it.Osc;
import dev.osc.engine.scenario.TestDatabase;
import dev.osc.engine.model.TableName;
import java.sql.Connection;
import java.util.List;
import org.junit.jupiter.api.Test;

class PgLeftoverNamesCheckTest {
    private static final TableName TABLE = new TableName("public", "ck_left");

    private static List<String> refusals() throws Exception {
        try (Connection c = TestDatabase.postgres().connect()) {
            CheckContext context = CheckContext.beforeProbe(c, new PgInspector(c).inspect(TABLE), new ClauseFacts("", false),
                    PgChecks.runTables(new PgRunNames(TABLE, "r1")));
            return new PgLeftoverNamesCheck().refusals(context);
        }
    }

    private static void freshTable() throws Exception {
        TestDatabase.postgres().exec("DROP PUBLICATION IF EXISTS osc_ck_left_earlier", "DROP TABLE IF EXISTS ck_left, _ck_left_osc_old, "
                        + "_ck_left_osc_state, _ck_left_osc_probe CASCADE", "DROP SEQUENCE IF EXISTS _ck_left_osc_fence",
                "CREATE TABLE ck_left (id bigint PRIMARY KEY, v int)", "INSERT INTO ck_left SELECT g, g FROM generate_series(1, 10) g");
    }

    @Test
    void namesEveryLeftoverInOneLineWhateverKindOfRelationHoldsTheName() throws Exception {
        freshTable();
        try {
            assertThat(refusals()).isEmpty();
            TestDatabase.postgres().exec("CREATE TABLE _ck_left_osc_old (id bigint)", "CREATE SEQUENCE _ck_left_osc_fence",
                    "CREATE TABLE _ck_left_osc_state (x int)", "CREATE PUBLICATION osc_ck_left_earlier FOR TABLE ck_left");
            assertThat(refusals()).containsExactly("table public._ck_left_osc_old, table public._ck_left_osc_fence, "
                    + "table public._ck_left_osc_state, publication osc_ck_left_earlier exist (left by an earlier run?): "
                    + "drop or rename them first");
        } finally {
            freshTable();
        }
    }

    @Test
    void theShadowPathIsRefusedBeforeAnythingIsCreatedAndATakenProbeNameRefusesEvenPlanning() throws Exception {
        freshTable();
        try {
            TestDatabase.postgres().exec("CREATE TABLE _ck_left_osc_old (id bigint)", "CREATE TABLE _ck_left_osc_state (x int)");
            Osc shadow = Osc.alter("ck_left", "ALTER COLUMN v TYPE bigint", "--strategy", "shadow");
            assertThat(shadow.exit()).as(shadow.toString()).isEqualTo(3);
            assertThat(shadow.err()).contains("table public._ck_left_osc_old, table public._ck_left_osc_state exist");
            assertThat(TestDatabase.postgres().strings("SELECT relname FROM pg_class WHERE relname LIKE '\\_ck\\_left\\_osc\\_%' ORDER BY 1"))
                    .containsExactly("_ck_left_osc_old", "_ck_left_osc_state");
            Osc direct = Osc.alter("ck_left", "ALTER COLUMN v TYPE bigint", "--strategy", "direct");
            assertThat(direct.exit()).as("a leftover the direct path does not need: " + direct).isZero();

            TestDatabase.postgres().exec("CREATE TABLE _ck_left_osc_probe (x int)");
            Osc probe = Osc.alter("ck_left", "ADD COLUMN w int", "--strategy", "direct");
            assertThat(probe.exit()).as(probe.toString()).isEqualTo(3);
            assertThat(probe.err()).contains("table public._ck_left_osc_probe exist").doesNotContain("\tat ");
        } finally {
            freshTable();
        }
    }
}
