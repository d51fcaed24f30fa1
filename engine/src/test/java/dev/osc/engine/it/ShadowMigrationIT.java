package dev.osc.engine.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.osc.engine.testkit.DemoTable;
import dev.osc.engine.testkit.Workload;
import java.sql.Connection;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The shadow path under concurrent writers (inserts, updates, primary-key updates, deletes,
 * TOASTed values, NULLs, unicode, swaps of a UNIQUE column's values between rows): afterwards the
 * new table equals an oracle table the same transactions maintained, no writer saw an error, and
 * nothing of the run is left behind.
 */
class ShadowMigrationIT {

    @Test
    void concurrentWritersEndEqualToTheOracle() throws Exception {
        DemoTable table = DemoTable.postgres("it_accounts");
        try (Connection c = TestPg.connect()) {
            table.create(c, 40_000);
        }
        Osc result;
        Workload workload = Workload.on(TestPg.url(), table.writes(40_000)).threads(4).rate(400).start();
        try {
            await().atMost(Duration.ofSeconds(30)).until(() -> workload.transactions() > 50);
            // a slow, fine-grained copy: many chunks, many changes landing while chunks are in flight
            result = Osc.alter("it_accounts", "ALTER COLUMN balance TYPE bigint", "--strategy", "shadow",
                    "--chunk-target-ms", "20", "--max-rows-per-second", "15000");
            long afterSwap = workload.transactions();
            await().atMost(Duration.ofSeconds(30)).until(() -> workload.transactions() > afterSwap + 100);
        } finally {
            workload.close();
        }
        assertThat(result.exit()).as(result.toString()).isZero();
        assertThat(workload.errors()).as("errors seen by writers").isEmpty();
        try (Connection c = TestPg.connect()) {
            assertThat(table.differences(c)).as("rows differing from the oracle").isZero();
        }
        assertThat(result.field("status")).isEqualTo("done");
        assertThat(result.field("strategy")).isEqualTo("shadow");
        assertThat(Long.parseLong(result.field("rowsCopied"))).isGreaterThanOrEqualTo(39_000);
        assertThat(Long.parseLong(result.field("changesApplied"))).isPositive();
        assertThat(Long.parseLong(result.field("cutoverBlockingMs"))).isBetween(0L, 5_000L);
        assertThat(result.field("checksum")).startsWith("match");
        assertThat(TestPg.strings("SELECT format_type(atttypid, atttypmod) FROM pg_attribute "
                + "WHERE attrelid = 'it_accounts'::regclass AND attname = 'balance'")).containsExactly("bigint");
        assertThat(TestPg.strings("SELECT indexrelid::regclass::text FROM pg_index WHERE indrelid = 'it_accounts'::regclass ORDER BY 1"))
                .containsExactly("it_accounts_email_key", "it_accounts_pkey");
        assertThat(TestPg.strings("SELECT conname FROM pg_constraint WHERE conrelid = 'it_accounts'::regclass AND contype IN ('p', 'u') ORDER BY 1"))
                .containsExactly("it_accounts_email_key", "it_accounts_pkey");
        assertThat(TestPg.strings("SELECT relname FROM pg_class WHERE relname = '_it_accounts_osc_old'")).hasSize(1);
        assertThat(TestPg.leftovers()).isEmpty();
    }

    @Test
    void dropOldRemovesTheOldTableAndKeepsTheSerialSequence() throws Exception {
        TestPg.exec("DROP TABLE IF EXISTS it_serial, _it_serial_osc_old",
                "CREATE TABLE it_serial (id serial PRIMARY KEY, name text)",
                "INSERT INTO it_serial (name) SELECT 'n' || g FROM generate_series(1, 1000) g");
        Osc result = Osc.alter("it_serial", "ADD COLUMN extra int DEFAULT 7", "--strategy", "shadow", "--drop-old");
        assertThat(result.exit()).as(result.toString()).isZero();
        assertThat(TestPg.strings("SELECT relname FROM pg_class WHERE relname = '_it_serial_osc_old'")).isEmpty();
        // the sequence moved with the table: new rows get fresh ids, not duplicates
        TestPg.exec("INSERT INTO it_serial (name) VALUES ('after')");
        assertThat(TestPg.number("SELECT max(id) FROM it_serial")).isEqualTo(1001);
        assertThat(TestPg.number("SELECT count(*) FROM it_serial WHERE extra = 7")).isEqualTo(1001);
        assertThat(TestPg.leftovers()).isEmpty();
    }

    @Test
    void identityColumnKeepsHandingOutNewValues() throws Exception {
        TestPg.exec("DROP TABLE IF EXISTS it_ident, _it_ident_osc_old",
                "CREATE TABLE it_ident (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, v int)",
                "INSERT INTO it_ident (v) SELECT g FROM generate_series(1, 500) g");
        Osc result = Osc.alter("it_ident", "ALTER COLUMN v TYPE bigint", "--strategy", "shadow");
        assertThat(result.exit()).as(result.toString()).isZero();
        TestPg.exec("INSERT INTO it_ident (v) VALUES (-1)");
        assertThat(TestPg.number("SELECT id FROM it_ident WHERE v = -1")).isEqualTo(501);
        assertThat(TestPg.number("SELECT count(*) FROM it_ident")).isEqualTo(501);
    }

    @Test
    void autovacuumSettingsTheAlterGivesSurviveTheSwap() throws Exception {
        // osc turns autovacuum off on the shadow while it fills; the swap gives back what the ALTER asked for
        TestPg.exec("DROP TABLE IF EXISTS it_relopt, _it_relopt_osc_old",
                "CREATE TABLE it_relopt (id int PRIMARY KEY, v int)",
                "INSERT INTO it_relopt SELECT g, g FROM generate_series(1, 500) g");
        Osc result = Osc.alter("it_relopt", "ALTER COLUMN v TYPE bigint, SET (autovacuum_enabled = false)", "--strategy", "shadow");
        assertThat(result.exit()).as(result.toString()).isZero();
        assertThat(TestPg.strings("SELECT array_to_string(reloptions, ',') FROM pg_class WHERE relname = 'it_relopt'"))
                .containsExactly("autovacuum_enabled=false");
    }
}
