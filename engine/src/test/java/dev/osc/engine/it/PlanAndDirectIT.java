package dev.osc.engine.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** The planner's choice and direct DDL under a short lock timeout with retries. */
class PlanAndDirectIT {

    private static void createTable(String name, int rows) throws Exception {
        TestPg.exec("DROP TABLE IF EXISTS " + name + " CASCADE",
                "CREATE TABLE " + name + " (id bigint PRIMARY KEY, v int, note text)",
                "INSERT INTO " + name + " SELECT g, g, 'n' || g FROM generate_series(1, " + rows + ") g", "ANALYZE " + name);
    }

    @Test
    void aMetadataOnlyChangeIsDirectAndARewriteOfALargeTableIsShadow() throws Exception {
        createTable("it_plan", 20_000);
        Osc addColumn = Osc.run("plan", "--url", TestPg.url(), "--table", "it_plan", "--alter", "ADD COLUMN extra text", "--json");
        assertThat(addColumn.exit()).as(addColumn.toString()).isZero();
        assertThat(addColumn.field("strategy")).isEqualTo("direct");
        assertThat(addColumn.out()).contains("metadata-only");

        Osc retype = Osc.run("plan", "--url", TestPg.url(), "--table", "it_plan", "--alter", "ALTER COLUMN v TYPE bigint",
                "--json", "--direct-threshold-mb", "0");
        assertThat(retype.field("strategy")).isEqualTo("shadow");
        assertThat(retype.out()).contains("rewrites the table").contains("retyped v (integer -> bigint)");

        Osc small = Osc.run("plan", "--url", TestPg.url(), "--table", "it_plan", "--alter", "ALTER COLUMN v TYPE bigint", "--json");
        assertThat(small.field("strategy")).isEqualTo("direct");
        assertThat(small.out()).contains("below the direct threshold");

        Osc check = Osc.run("plan", "--url", TestPg.url(), "--table", "it_plan", "--alter",
                "ADD CONSTRAINT v_positive CHECK (v > 0)", "--json", "--direct-threshold-mb", "0");
        assertThat(check.field("strategy")).isEqualTo("shadow");
        assertThat(check.out()).contains("validates constraint v_positive");

        Osc notValid = Osc.run("plan", "--url", TestPg.url(), "--table", "it_plan", "--alter",
                "ADD CONSTRAINT v_positive CHECK (v > 0) NOT VALID", "--json", "--direct-threshold-mb", "0");
        assertThat(notValid.field("strategy")).isEqualTo("direct");

        // planning changed nothing
        assertThat(TestPg.strings("SELECT format_type(atttypid, atttypmod) FROM pg_attribute WHERE attrelid = 'it_plan'::regclass AND attname = 'v'"))
                .containsExactly("integer");
        assertThat(TestPg.number("SELECT count(*) FROM pg_constraint WHERE conrelid = 'it_plan'::regclass AND contype = 'c'")).isZero();
        assertThat(TestPg.leftovers()).isEmpty();
    }

    @Test
    void alterWithoutExecuteIsADryRun() throws Exception {
        createTable("it_dry", 100);
        Osc dry = Osc.run("alter", "--url", TestPg.url(), "--table", "it_dry", "--alter", "ALTER COLUMN v TYPE bigint", "--json");
        assertThat(dry.exit()).as(dry.toString()).isZero();
        assertThat(dry.field("status")).isEqualTo("dry-run");
        assertThat(TestPg.strings("SELECT format_type(atttypid, atttypmod) FROM pg_attribute WHERE attrelid = 'it_dry'::regclass AND attname = 'v'"))
                .containsExactly("integer");
    }

    @Test
    void directDdlGivesUpItsLockWaitInsteadOfQueueingWritersAndRetries() throws Exception {
        createTable("it_direct", 1_000);
        try (Connection reader = TestPg.connect(); Connection writer = TestPg.connect();
             Statement rs = reader.createStatement(); Statement ws = writer.createStatement()) {
            reader.setAutoCommit(false);
            rs.execute("SELECT count(*) FROM it_direct");   // holds ACCESS SHARE until rollback
            CompletableFuture<Osc> alter = CompletableFuture.supplyAsync(() ->
                    Osc.alter("it_direct", "ALTER COLUMN v TYPE bigint", "--strategy", "direct", "--lock-timeout-ms", "50"));
            await().atMost(Duration.ofSeconds(30)).until(() -> TestPg.number(
                    "SELECT count(*) FROM pg_stat_activity WHERE application_name = 'osc alter'") > 0);
            Thread.sleep(300); // let it run into the held lock a few times
            // while the ALTER keeps retrying, a writer is never stuck behind it for long
            long start = System.nanoTime();
            ws.execute("INSERT INTO it_direct VALUES (100000, 1, 'during')");
            long writerMillis = (System.nanoTime() - start) / 1_000_000;
            assertThat(writerMillis).as("writer wait while the ALTER retries").isLessThan(1_000);
            assertThat(alter).isNotDone();
            reader.rollback();
            Osc result = alter.get();
            assertThat(result.exit()).as(result.toString()).isZero();
            assertThat(result.field("strategy")).isEqualTo("direct");
        }
        assertThat(TestPg.strings("SELECT format_type(atttypid, atttypmod) FROM pg_attribute WHERE attrelid = 'it_direct'::regclass AND attname = 'v'"))
                .containsExactly("bigint");
        assertThat(TestPg.number("SELECT count(*) FROM it_direct")).isEqualTo(1_001);
    }
}
