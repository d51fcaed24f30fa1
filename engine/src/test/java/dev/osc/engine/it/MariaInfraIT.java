package dev.osc.engine.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.osc.engine.testkit.DemoTable;
import dev.osc.engine.testkit.Workload;
import dev.osc.engine.scenario.TestDatabase;
import java.sql.Connection;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The MariaDB test infrastructure itself: the server has the binary log osc reads, the demo table
 * and its workload keep the table equal to its oracle, and the comparison does see a difference.
 */
class MariaInfraIT {
    private static final TestDatabase MARIA = TestDatabase.mariadb();

    @Test
    void serverLogsFullRowImages() throws Exception {
        assertThat(MARIA.number("SELECT @@log_bin")).isEqualTo(1);
        assertThat(MARIA.strings("SELECT @@binlog_format")).containsExactly("ROW");
        assertThat(MARIA.strings("SELECT @@binlog_row_image")).containsExactly("FULL");
        assertThat(MARIA.strings("SELECT DATABASE()")).containsExactly("osc");
    }

    @Test
    void workloadKeepsTableAndOracleEqual() throws Exception {
        DemoTable demo = DemoTable.mariadb("infra_demo");
        try (Connection c = MARIA.connect()) {
            demo.create(c, 20_000);
            assertThat(demo.count(c)).isEqualTo(20_000);
            assertThat(MARIA.number("SELECT COUNT(*) FROM infra_demo WHERE note IS NULL")).isEqualTo(20_000 / 7);
            assertThat(MARIA.number("SELECT COUNT(*) FROM infra_demo WHERE big IS NOT NULL")).isEqualTo(4);
            assertThat(MARIA.strings("SELECT note FROM infra_demo WHERE id = 1")).containsExactly("note 1 ünïcødé ✓");
            assertThat(demo.differences(c)).isZero();

            Workload workload = Workload.on(MARIA.url(), demo.writes(20_000)).threads(4).rate(200).start();
            try {
                await().atMost(Duration.ofSeconds(60)).until(() -> workload.transactions() > 300);
            } finally {
                workload.close();
            }
            assertThat(workload.errors()).as("after %d transactions, %d deadlocks", workload.transactions(),
                    workload.deadlocks()).isEmpty();
            assertThat(demo.differences(c)).as("%s", demo.sampleDifferences(c, 5)).isZero();
            assertThat(MARIA.number("SELECT COUNT(*) FROM infra_demo WHERE id > 1000000000")).isPositive();
        } finally {
            MARIA.exec("DROP TABLE IF EXISTS infra_demo, infra_demo_oracle");
        }
    }

    @Test
    void differencesSeeARowChangedOnlyInTheTable() throws Exception {
        DemoTable demo = DemoTable.mariadb("infra_diff");
        try (Connection c = MARIA.connect()) {
            demo.create(c, 1_000);
            assertThat(demo.differences(c)).isZero();
            MARIA.exec("UPDATE infra_diff SET note = 'changed' WHERE id = 10");
            assertThat(demo.differences(c)).isEqualTo(2);
            assertThat(demo.sampleDifferences(c, 5)).hasSize(2)
                    .anyMatch(s -> s.startsWith("infra_diff | 10 |") && s.contains("changed"))
                    .anyMatch(s -> s.startsWith("infra_diff_oracle | 10 |") && s.contains("ünïcødé"));
            // differs only in case and accents: the default utf8mb4 collation would call these equal
            MARIA.exec("UPDATE infra_diff SET note = 'NOTE 11 unicode ✓' WHERE id = 11");
            assertThat(demo.differences(c)).isEqualTo(4);
            MARIA.exec("UPDATE infra_diff SET note = 'note 12 ünïcødé ✓ ' WHERE id = 12");
            assertThat(demo.differences(c)).as("trailing space").isEqualTo(6);
            MARIA.exec("DELETE FROM infra_diff_oracle WHERE id = 20");
            assertThat(demo.differences(c)).isEqualTo(7);
        } finally {
            MARIA.exec("DROP TABLE IF EXISTS infra_diff, infra_diff_oracle");
        }
    }

    @Test
    void leftoversListsOscTables() throws Exception {
        MARIA.exec("CREATE TABLE infra_x_osc_new (id INT PRIMARY KEY)", "CREATE TABLE infra_xosc_new (id INT PRIMARY KEY)");
        try {
            assertThat(MARIA.leftovers()).contains("table infra_x_osc_new").doesNotContain("table infra_xosc_new");
        } finally {
            MARIA.exec("DROP TABLE IF EXISTS infra_x_osc_new, infra_xosc_new");
        }
    }
}
