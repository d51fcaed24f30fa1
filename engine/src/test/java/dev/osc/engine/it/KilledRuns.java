package dev.osc.engine.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.osc.engine.scenario.Db;
import dev.osc.engine.scenario.PerDb;
import dev.osc.engine.scenario.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

/** Runs of {@code osc alter --execute} in a JVM of their own, killed with SIGKILL ({@link Process#destroyForcibly}) at a chosen point. */
final class KilledRuns {
    static final Duration COPY_START = Duration.ofSeconds(90);
    /** An ALTER that rewrites the plain shape's table. */
    static final PerDb<String> RETYPE = PerDb.of("ALTER COLUMN v TYPE bigint", "MODIFY v BIGINT");
    private static final PerDb<String> DIGEST = PerDb.of(
            "SELECT count(*) || ':' || coalesce(sum(hashtext(id || ':' || v || ':' || coalesce(note, '-'))), 0) FROM {t}",
            "SELECT CONCAT(COUNT(*), ':', COALESCE(SUM(CRC32(CONCAT_WS(':', id, v, COALESCE(note, '-')))), 0)) FROM {t}");

    private KilledRuns() {
    }

    /** The name of a helper table of {@code table}'s run: {@code new}, {@code fence}, {@code state}, {@code old}. */
    static String helper(Db db, String table, String kind) {
        return db == Db.MARIADB && kind.equals("new") ? table + "_osc_new" : "_" + table + "_osc_" + kind;
    }

    /** {@code osc alter --execute --strategy shadow}, throttled so that it is mid-copy for a while. */
    static Process start(TestDatabase db, String t, String alter, Path err) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "dev.osc.engine.cli.OscMain",
                "alter", "--url", db.url(), "--table", t, "--alter", alter, "--execute", "--quiet",
                "--strategy", "shadow", "--max-rows-per-second", "2000", "--chunk-target-ms", "50"));
        return new ProcessBuilder(cmd).redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(err.toFile()).start();
    }

    /** Waits until the run copies (its state row says so and counts rows) and {@code also} holds. */
    static void awaitCopy(TestDatabase db, String t, Process osc, Path err, Callable<Boolean> also) throws Exception {
        String state = db.quote(helper(db.db(), t, "state"));
        await().atMost(COPY_START).pollInterval(Duration.ofMillis(100)).ignoreExceptions().until(() -> !osc.isAlive()
                || (db.strings("SELECT phase FROM " + state).contains("copy") && db.number("SELECT rows_copied FROM " + state) > 0
                && also.call()));
        assertThat(osc.isAlive()).as("osc copies: %s", Files.readString(err)).isTrue();
    }

    /** SIGKILL: nothing of the run runs its cleanup; returns once the server let go of its sessions. */
    static void kill(TestDatabase db, Process osc) throws Exception {
        osc.destroyForcibly();
        assertThat(osc.waitFor(30, TimeUnit.SECONDS)).isTrue();
        await().atMost(Duration.ofSeconds(20)).until(() -> db.leftovers().stream().noneMatch(l -> l.startsWith("connection ")));
    }

    /** A run of {@code alter} SIGKILLed mid-copy. */
    static void killMidCopy(TestDatabase db, String t, String alter) throws Exception {
        killMidCopy(db, t, alter, () -> true, () -> { });
    }

    /** A run of {@code alter} SIGKILLed mid-copy once {@code when} holds, after {@code before} ran against the live run. */
    static void killMidCopy(TestDatabase db, String t, String alter, Callable<Boolean> when, Work before) throws Exception {
        Path err = Files.createTempFile("osc-killed", ".err");
        Process osc = start(db, t, alter, err);
        try {
            awaitCopy(db, t, osc, err, when);
            before.run();
        } finally {
            kill(db, osc);
            Files.deleteIfExists(err);
        }
    }

    /** Something done on the database. */
    @FunctionalInterface
    interface Work {
        void run() throws Exception;
    }

    /**
     * The oracle writers' transaction number {@code n} on a plain-shape table of {@code rows} rows:
     * one delete, insert or update on {@code t} and the same on {@code oracle}, committed together
     * on {@code c} (not in auto-commit); a failure leaves the transaction for the caller to roll back.
     */
    static void changeBoth(java.sql.Connection c, TestDatabase db, String t, String oracle, long n, int rows) throws java.sql.SQLException {
        long id = 1 + (n * 7919) % rows;
        try (java.sql.Statement st = c.createStatement()) {
            for (String table : List.of(t, oracle)) {
                String q = db.quote(table);
                if (n % 10 == 0) {
                    st.execute("DELETE FROM " + q + " WHERE id = " + id);
                } else if (n % 10 == 1) {
                    st.execute("INSERT INTO " + q + " (id, v, note) VALUES (" + (rows + n) + ", " + n + ", 'i')");
                } else {
                    st.execute("UPDATE " + q + " SET v = v + 1, note = 'u" + n + "' WHERE id = " + id);
                }
            }
        }
        c.commit();
    }

    /** Row count and a sum of row hashes of a plain-shape table: equal for equal content, whatever the column types. */
    static String digest(TestDatabase db, String table) throws Exception {
        return db.strings(DIGEST.on(db.db()).replace("{t}", db.quote(table))).get(0);
    }
}
