package dev.osc.engine.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * Bad input, refusals and run-time failures: the documented exit status, one line on stderr
 * (no stack trace), the source exactly as it was, and nothing of the run left behind.
 */
class FailurePathsIT {

    private static void createTable(String name, int rows) throws Exception {
        TestPg.exec("DROP TABLE IF EXISTS " + name + " CASCADE", "DROP TABLE IF EXISTS _" + name + "_osc_old",
                "CREATE TABLE " + name + " (id bigint PRIMARY KEY, v int, note text)",
                "INSERT INTO " + name + " SELECT g, g, 'n' || g FROM generate_series(1, " + rows + ") g");
    }

    /** Columns, types, row count and a content hash: what "the source is untouched" means. */
    private static String fingerprint(String name) throws Exception {
        return String.join(",", TestPg.strings("SELECT attname || ' ' || format_type(atttypid, atttypmod) FROM pg_attribute "
                + "WHERE attrelid = '" + name + "'::regclass AND attnum > 0 AND NOT attisdropped ORDER BY attnum"))
                + "|" + TestPg.number("SELECT count(*) FROM " + name)
                + "|" + TestPg.strings("SELECT md5(string_agg(t::text, ',' ORDER BY id)) FROM " + name + " t").get(0)
                + "|" + TestPg.number("SELECT '" + name + "'::regclass::oid::bigint");
    }

    private static void assertCleanFailure(Osc result, int exit, String before, String table) throws Exception {
        assertThat(result.exit()).as(result.toString()).isEqualTo(exit);
        assertThat(result.err()).doesNotContain("\tat ").doesNotContain("Exception");
        assertThat(result.field("status")).isNotNull().isNotEqualTo("done");
        assertThat(result.field("error")).isNotBlank();
        assertThat(fingerprint(table)).isEqualTo(before);
        assertThat(TestPg.leftovers()).isEmpty();
    }

    @Test
    void anAlterTheDatabaseRejectsIsBadInput() throws Exception {
        createTable("it_bad_alter", 100);
        String before = fingerprint("it_bad_alter");
        Osc result = Osc.alter("it_bad_alter", "ADD COLUMN", "--strategy", "shadow");
        assertCleanFailure(result, 2, before, "it_bad_alter");
        assertThat(result.err()).contains("rejected");
        Osc typo = Osc.alter("it_bad_alter", "ALTER COLUMN nope TYPE bigint");
        assertCleanFailure(typo, 2, before, "it_bad_alter");
    }

    @Test
    void moreThanOneStatementIsBadInputAndNothingRuns() throws Exception {
        createTable("it_two_statements", 10);
        String before = fingerprint("it_two_statements");
        Osc result = Osc.alter("it_two_statements", "ADD COLUMN a int; DROP TABLE it_two_statements");
        assertCleanFailure(result, 2, before, "it_two_statements");
        assertThat(result.err()).contains("single ALTER clause");
    }

    @Test
    void aMissingTableIsBadInput() throws Exception {
        Osc result = Osc.alter("it_no_such_table", "ADD COLUMN a int");
        assertThat(result.exit()).as(result.toString()).isEqualTo(2);
        assertThat(result.err()).contains("does not exist").doesNotContain("\tat ");
        assertThat(result.field("status")).isEqualTo("bad-input");
    }

    @Test
    void anUnreachableServerIsBadInputAndThePasswordIsNeverShown() {
        Osc result = Osc.run("alter", "--url", "jdbc:postgresql://127.0.0.1:1/db?user=u&password=s3cr3t-pw", "--table", "t",
                "--alter", "ADD COLUMN a int", "--json");
        assertThat(result.exit()).as(result.toString()).isEqualTo(2);
        assertThat(result.err()).contains("cannot connect").doesNotContain("s3cr3t-pw").doesNotContain("\tat ");
        assertThat(result.out()).doesNotContain("s3cr3t-pw");
    }

    @Test
    void anUnknownOptionIsBadUsage() {
        Osc result = Osc.run("alter", "--url", TestPg.url(), "--table", "t", "--alter", "ADD COLUMN a int", "--bogus");
        assertThat(result.exit()).isEqualTo(2);
        assertThat(result.err()).contains("--bogus");
    }

    @Test
    void aTableWithoutKeyIsRefused() throws Exception {
        TestPg.exec("DROP TABLE IF EXISTS it_no_key", "CREATE TABLE it_no_key (v int, note text)",
                "INSERT INTO it_no_key SELECT g, 'x' FROM generate_series(1, 100) g");
        String before = String.join(",", TestPg.strings("SELECT attname FROM pg_attribute WHERE attrelid = 'it_no_key'::regclass AND attnum > 0"));
        Osc result = Osc.alter("it_no_key", "ALTER COLUMN v TYPE bigint", "--strategy", "shadow");
        assertThat(result.exit()).as(result.toString()).isEqualTo(3);
        assertThat(result.err()).contains("no primary key");
        assertThat(String.join(",", TestPg.strings("SELECT attname FROM pg_attribute WHERE attrelid = 'it_no_key'::regclass AND attnum > 0")))
                .isEqualTo(before);
        assertThat(TestPg.leftovers()).isEmpty();
    }

    @Test
    void foreignKeysPointingAtTheTableAndDependentViewsAreRefused() throws Exception {
        createTable("it_parent", 10);
        TestPg.exec("DROP TABLE IF EXISTS it_child", "CREATE TABLE it_child (id int PRIMARY KEY, parent bigint REFERENCES it_parent (id))");
        String before = fingerprint("it_parent");
        Osc fk = Osc.alter("it_parent", "ALTER COLUMN v TYPE bigint", "--strategy", "shadow");
        assertCleanFailure(fk, 3, before, "it_parent");
        assertThat(fk.err()).contains("foreign keys point at the table");
        TestPg.exec("DROP TABLE it_child", "CREATE VIEW it_parent_view AS SELECT id FROM it_parent");
        Osc view = Osc.alter("it_parent", "ALTER COLUMN v TYPE bigint", "--strategy", "shadow");
        assertCleanFailure(view, 3, before, "it_parent");
        assertThat(view.err()).contains("views depend on the table");
        TestPg.exec("DROP VIEW it_parent_view");
    }

    @Test
    void aSecondRunOnTheSameTableIsRefusedAtOnce() throws Exception {
        createTable("it_busy", 30_000);
        CompletableFuture<Osc> first = CompletableFuture.supplyAsync(() ->
                Osc.alter("it_busy", "ALTER COLUMN v TYPE bigint", "--strategy", "shadow", "--max-rows-per-second", "5000"));
        await().atMost(Duration.ofSeconds(60)).until(() ->
                !TestPg.strings("SELECT 1 FROM pg_class WHERE relname = '_it_busy_osc_state'").isEmpty() || first.isDone());
        long start = System.nanoTime();
        Osc second = Osc.alter("it_busy", "ADD COLUMN other int", "--strategy", "shadow");
        assertThat(second.exit()).as(second.toString()).isEqualTo(3);
        assertThat(second.err()).contains("another osc run");
        assertThat((System.nanoTime() - start) / 1_000_000).as("refused at once").isLessThan(10_000);
        Osc done = first.get();
        assertThat(done.exit()).as(done.toString()).isZero();
        assertThat(TestPg.leftovers()).isEmpty();
    }

    @Test
    void killingTheCopyConnectionMidCopyFailsCleanly() throws Exception {
        createTable("it_killed", 40_000);
        String before = fingerprint("it_killed");
        CompletableFuture<Osc> run = CompletableFuture.supplyAsync(() ->
                Osc.alter("it_killed", "ALTER COLUMN v TYPE bigint", "--strategy", "shadow", "--max-rows-per-second", "4000",
                        "--chunk-target-ms", "50"));
        await().atMost(Duration.ofSeconds(60)).ignoreExceptions().until(() -> run.isDone()
                || TestPg.number("SELECT rows_copied FROM _it_killed_osc_state") > 0);
        List<String> killed = TestPg.strings("SELECT pg_terminate_backend(pid)::text FROM pg_stat_activity WHERE application_name LIKE 'osc copy %'");
        assertThat(killed).containsExactly("true");
        Osc result = run.get();
        assertCleanFailure(result, 1, before, "it_killed");
    }

    @Test
    void terminatingTheProcessMidCopyRemovesWhatTheRunCreated() throws Exception {
        createTable("it_sigterm", 40_000);
        String before = fingerprint("it_sigterm");
        Process osc = new ProcessBuilder(java.nio.file.Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "dev.osc.engine.cli.OscMain",
                "alter", "--url", TestPg.url(), "--table", "it_sigterm", "--alter", "ALTER COLUMN v TYPE bigint",
                "--strategy", "shadow", "--execute", "--max-rows-per-second", "4000", "--quiet")
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        try {
            await().atMost(Duration.ofSeconds(60)).ignoreExceptions().until(() -> !osc.isAlive()
                    || TestPg.number("SELECT rows_copied FROM _it_sigterm_osc_state") > 0);
            osc.destroy(); // SIGTERM, as an operator's kill or a Ctrl-C would
            assertThat(osc.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        } finally {
            osc.destroyForcibly();
        }
        assertThat(osc.exitValue()).isNotZero();
        assertThat(fingerprint("it_sigterm")).isEqualTo(before);
        assertThat(TestPg.leftovers()).isEmpty();
    }

    @Test
    void aLockThatIsNeverGrantedAtTheSwapFailsCleanly() throws Exception {
        createTable("it_locked", 2_000);
        String before = fingerprint("it_locked");
        try (Connection holder = TestPg.connect(); Statement st = holder.createStatement()) {
            holder.setAutoCommit(false);
            // an open reader: harmless for the copy and the checksum, but it keeps ACCESS EXCLUSIVE away
            st.execute("SELECT count(*) FROM it_locked");
            Osc result = Osc.alter("it_locked", "ALTER COLUMN v TYPE bigint", "--strategy", "shadow", "--lock-timeout-ms", "10");
            holder.rollback();
            assertCleanFailure(result, 1, before, "it_locked");
            assertThat(result.err()).contains("cut-over gave up").contains("not granted");
        }
    }

    @Test
    void aSessionReadingTheShadowDelaysTheSwapWithoutFailingIt() throws Exception {
        // as an autovacuum of the freshly copied rows, or a monitoring query, would: the swap must wait for the
        // shadow's lock (before it holds any writer) instead of failing on a lock timeout in the middle of the swap
        createTable("it_reader", 40_000);
        CompletableFuture<Osc> run = CompletableFuture.supplyAsync(() ->
                Osc.alter("it_reader", "ALTER COLUMN v TYPE bigint", "--strategy", "shadow", "--max-rows-per-second", "8000",
                        "--chunk-target-ms", "50"));
        try (Connection holder = TestPg.connect(); Statement st = holder.createStatement()) {
            await().atMost(Duration.ofSeconds(60)).ignoreExceptions().until(() -> run.isDone()
                    || TestPg.number("SELECT rows_copied FROM _it_reader_osc_state") > 0);
            holder.setAutoCommit(false);
            st.execute("SELECT count(*) FROM _it_reader_osc_new");
            assertThat(run.isDone()).as("the reader holds its lock before the copy ends").isFalse();
            await().atMost(Duration.ofSeconds(60)).ignoreExceptions().until(() -> run.isDone()
                    || TestPg.strings("SELECT phase FROM _it_reader_osc_state").contains("cutover"));
            // the swap asks for the shadow's lock and waits (a plain lock timeout in the swap would have failed the run)
            await().atMost(Duration.ofSeconds(30)).ignoreExceptions().until(() -> run.isDone() || TestPg.number("SELECT count(*) FROM pg_locks "
                    + "WHERE relation = '_it_reader_osc_new'::regclass AND NOT granted") > 0);
            assertThat(run.isDone()).as("the swap waits for the shadow instead of failing").isFalse();
            Thread.sleep(600); // keep it waiting longer than the 200 ms lock timeout: it must start over, not apply a backlog
            assertThat(run.isDone()).isFalse();
            holder.rollback();
        }
        Osc result = run.get();
        assertThat(result.exit()).as(result.toString()).isZero();
        assertThat(result.err()).contains("was busy");
        // the new table has autovacuum back (off only while it was filled) and planner statistics from before the swap
        assertThat(TestPg.strings("SELECT coalesce(array_to_string(reloptions, ','), '') FROM pg_class WHERE relname = 'it_reader'"))
                .containsExactly("");
        assertThat(TestPg.number("SELECT count(*) FROM pg_stats WHERE tablename = 'it_reader'")).isPositive();
        assertThat(TestPg.leftovers()).isEmpty();
    }
}
