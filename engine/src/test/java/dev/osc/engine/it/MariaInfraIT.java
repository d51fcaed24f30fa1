package dev.osc.engine.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.osc.engine.demo.MariaDemoTable;
import dev.osc.engine.demo.MariaWorkload;
import java.sql.Connection;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The MariaDB test infrastructure itself: the server has the binary log osc reads, the demo table
 * and its workload keep the table equal to its oracle, and the comparison does see a difference.
 */
class MariaInfraIT {

    @Test
    void serverLogsFullRowImages() throws Exception {
        assertThat(TestMaria.number("SELECT @@log_bin")).isEqualTo(1);
        assertThat(TestMaria.strings("SELECT @@binlog_format")).containsExactly("ROW");
        assertThat(TestMaria.strings("SELECT @@binlog_row_image")).containsExactly("FULL");
        assertThat(TestMaria.strings("SELECT DATABASE()")).containsExactly("osc");
    }

    @Test
    void workloadKeepsTableAndOracleEqual() throws Exception {
        MariaDemoTable demo = new MariaDemoTable("infra_demo");
        try (Connection c = TestMaria.connect()) {
            demo.create(c, 20_000);
            assertThat(demo.count(c)).isEqualTo(20_000);
            assertThat(TestMaria.number("SELECT COUNT(*) FROM infra_demo WHERE note IS NULL")).isEqualTo(20_000 / 7);
            assertThat(TestMaria.number("SELECT COUNT(*) FROM infra_demo WHERE big IS NOT NULL")).isEqualTo(4);
            assertThat(TestMaria.strings("SELECT note FROM infra_demo WHERE id = 1")).containsExactly("note 1 ünïcødé ✓");
            assertThat(demo.differences(c)).isZero();

            MariaWorkload workload = new MariaWorkload(TestMaria.url(), demo, 20_000, 4, 200).start();
            try {
                await().atMost(Duration.ofSeconds(60)).until(() -> workload.transactions() > 300);
            } finally {
                workload.close();
            }
            assertThat(workload.errors()).isEmpty();
            assertThat(demo.differences(c)).as("%s", demo.sampleDifferences(c, 5)).isZero();
            assertThat(TestMaria.number("SELECT COUNT(*) FROM infra_demo WHERE id > 1000000000")).isPositive();
        } finally {
            TestMaria.exec("DROP TABLE IF EXISTS infra_demo, infra_demo_oracle");
        }
    }

    @Test
    void differencesSeeARowChangedOnlyInTheTable() throws Exception {
        MariaDemoTable demo = new MariaDemoTable("infra_diff");
        try (Connection c = TestMaria.connect()) {
            demo.create(c, 1_000);
            assertThat(demo.differences(c)).isZero();
            // differs only in accents: the default collation would call these equal
            TestMaria.exec("UPDATE infra_diff SET note = 'note 10 unicode ✓' WHERE id = 10");
            assertThat(demo.differences(c)).isEqualTo(2);
            assertThat(demo.sampleDifferences(c, 5)).hasSize(2).allMatch(s -> s.contains("| 10 |") || s.contains("infra_diff"));
            TestMaria.exec("DELETE FROM infra_diff_oracle WHERE id = 20");
            assertThat(demo.differences(c)).isEqualTo(3);
        } finally {
            TestMaria.exec("DROP TABLE IF EXISTS infra_diff, infra_diff_oracle");
        }
    }

    @Test
    void leftoversListsOscTables() throws Exception {
        TestMaria.exec("CREATE TABLE infra_x_osc_new (id INT PRIMARY KEY)", "CREATE TABLE infra_xosc_new (id INT PRIMARY KEY)");
        try {
            assertThat(TestMaria.leftovers()).containsExactly("table infra_x_osc_new");
        } finally {
            TestMaria.exec("DROP TABLE IF EXISTS infra_x_osc_new, infra_xosc_new");
        }
    }
}
