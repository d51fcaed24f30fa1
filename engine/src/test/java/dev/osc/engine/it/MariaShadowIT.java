package dev.osc.engine.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.osc.engine.testkit.DemoTable;
import dev.osc.engine.testkit.Workload;
import java.sql.Connection;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The shadow path on MariaDB under concurrent writers (inserts, updates, primary-key updates,
 * deletes, NULLs, unicode, BLOB/TEXT, JSON, unique-value swaps): afterwards the new table equals
 * the oracle, writers saw no error, and nothing of the run is left behind.
 */
class MariaShadowIT {

    @Test
    void concurrentWritersEndEqualToTheOracle() throws Exception {
        DemoTable table = DemoTable.mariadb("it_accounts");
        try (Connection c = TestMaria.connect()) {
            table.create(c, 40_000);
        }
        Osc result;
        Workload workload = Workload.on(TestMaria.url(), table.writes(40_000)).threads(4).rate(300).start();
        try {
            await().atMost(Duration.ofSeconds(30)).until(() -> workload.transactions() > 50);
            result = Osc.alterOn(TestMaria.url(), "it_accounts", "MODIFY COLUMN balance BIGINT", "--strategy", "shadow",
                    "--chunk-target-ms", "20", "--max-rows-per-second", "15000");
            long afterSwap = workload.transactions();
            await().atMost(Duration.ofSeconds(30)).until(() -> workload.transactions() > afterSwap + 100);
        } finally {
            workload.close();
        }
        assertThat(result.exit()).as(result.toString()).isZero();
        assertThat(workload.errors()).as("errors seen by writers").isEmpty();
        // the writers can deadlock each other on the unique index's gap locks (rarely, and not because of osc)
        assertThat(workload.deadlocks()).as("deadlocks seen by writers").isLessThanOrEqualTo(1);
        try (Connection c = TestMaria.connect()) {
            assertThat(table.differences(c)).as("rows differing from the oracle").isZero();
        }
        assertThat(result.field("strategy")).isEqualTo("shadow");
        assertThat(Long.parseLong(result.field("rowsCopied"))).isGreaterThanOrEqualTo(39_000);
        assertThat(Long.parseLong(result.field("changesApplied"))).isPositive();
        assertThat(Long.parseLong(result.field("cutoverBlockingMs"))).isBetween(0L, 5_000L);
        assertThat(result.field("checksum")).startsWith("match");
        assertThat(TestMaria.strings("SELECT COLUMN_TYPE FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = DATABASE() "
                + "AND TABLE_NAME = 'it_accounts' AND COLUMN_NAME = 'balance'")).containsExactly("bigint(20)");
        assertThat(TestMaria.strings("SELECT DISTINCT INDEX_NAME FROM information_schema.STATISTICS WHERE TABLE_SCHEMA = DATABASE() "
                + "AND TABLE_NAME = 'it_accounts' ORDER BY 1")).containsExactly("email", "PRIMARY");
        assertThat(TestMaria.strings("SELECT TABLE_NAME FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE() "
                + "AND TABLE_NAME = '_it_accounts_osc_old'")).hasSize(1);
        assertThat(TestMaria.leftovers()).isEmpty();
        TestMaria.exec("DROP TABLE _it_accounts_osc_old");
    }

    @Test
    void renamesCompositeKeysAndAutoIncrementSurvive() throws Exception {
        TestMaria.exec("DROP TABLE IF EXISTS it_multi, _it_multi_osc_old",
                "CREATE TABLE it_multi (tenant VARCHAR(40) NOT NULL, id BIGINT NOT NULL, seq BIGINT NOT NULL AUTO_INCREMENT, "
                        + "amount DECIMAL(12,3), label VARCHAR(100), KEY (seq), PRIMARY KEY (tenant, id)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4",
                "INSERT INTO it_multi (tenant, id, amount, label) SELECT CONCAT('ténant ', seq % 5), seq, seq / 7, "
                        + "IF(seq % 3 = 0, NULL, CONCAT('låbel ✓ ', seq)) FROM seq_1_to_3000",
                "DELETE FROM it_multi WHERE seq > 2990");
        String sumBefore = TestMaria.strings("SELECT CAST(SUM(amount) AS CHAR) FROM it_multi").get(0);
        Osc result = Osc.alterOn(TestMaria.url(), "it_multi", "RENAME COLUMN label TO title, MODIFY amount DECIMAL(14,3)",
                "--strategy", "shadow", "--drop-old");
        assertThat(result.exit()).as(result.toString()).isZero();
        assertThat(TestMaria.number("SELECT COUNT(*) FROM it_multi WHERE title LIKE 'låbel ✓ %'")).isEqualTo(1994);
        assertThat(TestMaria.number("SELECT COUNT(*) FROM it_multi WHERE title IS NULL")).isEqualTo(996);
        assertThat(TestMaria.strings("SELECT CAST(SUM(amount) AS CHAR) FROM it_multi")).containsExactly(sumBefore);
        // the old table's counter carried over: no id handed out twice
        TestMaria.exec("INSERT INTO it_multi (tenant, id) VALUES ('new', 1)");
        assertThat(TestMaria.number("SELECT seq FROM it_multi WHERE tenant = 'new'")).isGreaterThan(3000);
        assertThat(TestMaria.strings("SELECT TABLE_NAME FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE() "
                + "AND TABLE_NAME LIKE '%it\\_multi\\_osc%'")).isEmpty();
    }
}
