package dev.osc.engine.mysql;

import static org.assertj.core.api.Assertions.assertThat;

import dev.osc.engine.check.CheckContext;
import dev.osc.engine.check.ClauseFacts;
import dev.osc.engine.it.Osc;
import dev.osc.engine.scenario.TestDatabase;
import dev.osc.engine.model.TableName;
import java.sql.Connection;
import java.util.List;
import org.junit.jupiter.api.Test;

class MyLeftoverNamesCheckTest {
    private static final TableName TABLE = new TableName("osc", "ck_left");

    private static List<String> refusals() throws Exception {
        try (Connection c = TestDatabase.mariadb().connect()) {
            CheckContext context = CheckContext.beforeProbe(c, new MyInspector(c).inspect(TABLE), new ClauseFacts("", false),
                    MyChecks.runTables(new MyRunNames(TABLE, "r1")));
            return new MyLeftoverNamesCheck().refusals(context);
        }
    }

    private static void freshTable() throws Exception {
        TestDatabase.mariadb().exec("DROP VIEW IF EXISTS ck_left_osc_del", "DROP TABLE IF EXISTS ck_left, ck_left_osc_new, _ck_left_osc_old, "
                + "_ck_left_osc_state, _ck_left_osc_probe", "CREATE TABLE ck_left (id bigint PRIMARY KEY, v int)",
                "INSERT INTO ck_left VALUES (1, 1), (2, 2)");
    }

    @Test
    void namesEveryLeftoverInOneLineTheSentryIncluded() throws Exception {
        freshTable();
        try {
            assertThat(refusals()).isEmpty();
            TestDatabase.mariadb().exec("CREATE TABLE ck_left_osc_new (id int)", "CREATE VIEW ck_left_osc_del AS SELECT 1 AS x",
                    "CREATE TABLE _ck_left_osc_old (id int)", "CREATE TABLE _ck_left_osc_state (id int)");
            assertThat(refusals()).containsExactly("table osc.ck_left_osc_new, table osc.ck_left_osc_del, table osc._ck_left_osc_old, "
                    + "table osc._ck_left_osc_state exist (left by an earlier run?): drop or rename them first");
        } finally {
            freshTable();
        }
    }

    @Test
    void theShadowPathIsRefusedBeforeAnythingIsCreatedAndATakenProbeNameRefusesEvenPlanning() throws Exception {
        freshTable();
        try {
            TestDatabase.mariadb().exec("CREATE TABLE _ck_left_osc_old (id int)", "CREATE TABLE _ck_left_osc_state (id int)");
            Osc shadow = Osc.alterOn(TestDatabase.mariadb().url(), "ck_left", "MODIFY v bigint", "--strategy", "shadow");
            assertThat(shadow.exit()).as(shadow.toString()).isEqualTo(3);
            assertThat(shadow.err()).contains("table osc._ck_left_osc_old, table osc._ck_left_osc_state exist");
            assertThat(TestDatabase.mariadb().strings("SELECT table_name FROM information_schema.tables WHERE table_schema = 'osc' "
                    + "AND table_name LIKE '%ck\\_left\\_osc\\_%' ORDER BY 1")).containsExactly("_ck_left_osc_old", "_ck_left_osc_state");

            TestDatabase.mariadb().exec("CREATE TABLE _ck_left_osc_probe (id int)");
            Osc probe = Osc.alterOn(TestDatabase.mariadb().url(), "ck_left", "ADD COLUMN w int", "--strategy", "direct");
            assertThat(probe.exit()).as(probe.toString()).isEqualTo(3);
            assertThat(probe.err()).contains("table osc._ck_left_osc_probe exist").doesNotContain("\tat ");
        } finally {
            freshTable();
        }
    }
}
