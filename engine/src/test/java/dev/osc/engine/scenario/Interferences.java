package dev.osc.engine.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.osc.engine.it.Osc;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** What other sessions and the operator do while a scenario's run goes. */
final class Interferences {
    private static final Duration COPY_START = Duration.ofSeconds(60);

    private Interferences() {
    }

    /** Waits until the run has copied its first chunk (or ended). */
    private static void awaitCopying(Stage stage, CompletableFuture<?> run) {
        await().atMost(COPY_START).ignoreExceptions().until(() -> run.isDone()
                || stage.db().number("SELECT rows_copied FROM " + stage.db().quote(stage.stateTable())) > 0);
    }

    /** A command line of its own, with its own URL (an unreachable server, an unknown option). */
    static During command(PerDb<List<String>> args) {
        return stage -> Osc.run(args.on(stage.db().db()).stream().map(stage::sql).toArray(String[]::new));
    }

    /** While the run goes, a second run on the same table is refused at once; returns the first run's result. */
    static During secondRun(String otherAlter) {
        return stage -> {
            CompletableFuture<Osc> first = stage.start();
            await().atMost(COPY_START).until(() -> first.isDone() || stage.db().tableExists(stage.stateTable()));
            long start = System.nanoTime();
            Osc second = stage.alter(otherAlter, "--strategy", "shadow");
            assertThat(second.exit()).as(second.toString()).isEqualTo(3);
            assertThat(second.err()).contains("another osc run");
            assertThat((System.nanoTime() - start) / 1_000_000).as("refused at once").isLessThan(10_000);
            assertThat(first).as("the first run still goes").isNotDone();
            return first.get();
        };
    }

    /** Mid-copy, another session changes the source's definition (and writes into what it added). */
    static During alterSourceMidCopy(PerDb<List<String>> statements) {
        return stage -> {
            CompletableFuture<Osc> run = stage.start();
            awaitCopying(stage, run);
            assertThat(run).as("the run still copies when the source is altered").isNotDone();
            assertThat(stage.db().strings("SELECT phase FROM " + stage.db().quote(stage.stateTable())))
                    .as("the state row shows the phase the run is in").containsExactly("copy");
            stage.db().exec(statements.on(stage.db().db()).stream().map(stage::sql).toArray(String[]::new));
            return run.get();
        };
    }

    /** Mid-copy, the copy connection is killed from the server's side. */
    static During killCopyConnection() {
        return stage -> {
            CompletableFuture<Osc> run = stage.start();
            awaitCopying(stage, run);
            assertThat(stage.db().killConnections("osc copy %")).as("copy connections killed").isEqualTo(1);
            return run.get();
        };
    }

    /**
     * Mid-copy (the state row says so), the osc process gets {@code signal}: TERM (an operator's
     * kill, {@link Process#destroy}) or INT (Ctrl-C); returns its exit status, stdout and stderr.
     */
    static During signalProcess(String signal) {
        return stage -> {
            java.nio.file.Path out = java.nio.file.Files.createTempFile("osc-terminated", ".out");
            java.nio.file.Path err = java.nio.file.Files.createTempFile("osc-terminated", ".err");
            Process osc = new ProcessBuilder(stage.processCommand()).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            try {
                await().atMost(COPY_START).ignoreExceptions().until(() -> !osc.isAlive()
                        || (stage.db().strings("SELECT phase FROM " + stage.db().quote(stage.stateTable())).contains("copy")
                        && stage.db().number("SELECT rows_copied FROM " + stage.db().quote(stage.stateTable())) > 0));
                assertThat(osc.isAlive()).as("osc still copies when it is terminated: %s", java.nio.file.Files.readString(err)).isTrue();
                if (signal.equals("TERM")) {
                    osc.destroy();
                } else {
                    assertThat(new ProcessBuilder("kill", "-" + signal, Long.toString(osc.pid())).inheritIO().start().waitFor()).isZero();
                }
                assertThat(osc.waitFor(60, TimeUnit.SECONDS)).as("osc ends after SIG%s", signal).isTrue();
                return new Osc(osc.exitValue(), java.nio.file.Files.readString(out), java.nio.file.Files.readString(err));
            } finally {
                osc.destroyForcibly();
                java.nio.file.Files.deleteIfExists(out);
                java.nio.file.Files.deleteIfExists(err);
            }
        };
    }

    /**
     * While the direct ALTER runs on the server (its session shows it), the osc process gets SIGTERM;
     * returns its exit status, stdout and stderr.
     */
    static During terminateDuringDirectAlter() {
        return stage -> {
            java.nio.file.Path out = java.nio.file.Files.createTempFile("osc-terminated", ".out");
            java.nio.file.Path err = java.nio.file.Files.createTempFile("osc-terminated", ".err");
            Process osc = new ProcessBuilder(stage.processCommand()).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            String altering = PerDb.of(
                    "SELECT count(*) FROM pg_stat_activity WHERE state = 'active' AND query LIKE 'ALTER TABLE%' "
                            + "AND query NOT LIKE '%osc_probe%'",
                    "SELECT count(*) FROM information_schema.PROCESSLIST WHERE INFO LIKE 'ALTER TABLE%' "
                            + "AND INFO NOT LIKE '%osc_probe%'").on(stage.db().db());
            try {
                await().atMost(COPY_START).pollInterval(java.time.Duration.ofMillis(20)).ignoreExceptions()
                        .until(() -> !osc.isAlive() || stage.db().number(altering) > 0);
                assertThat(osc.isAlive()).as("osc still alters when it is terminated: %s", java.nio.file.Files.readString(err)).isTrue();
                osc.destroy();
                assertThat(osc.waitFor(60, TimeUnit.SECONDS)).as("osc ends after SIGTERM").isTrue();
                await("the server ended the ALTER").atMost(java.time.Duration.ofSeconds(30)).ignoreExceptions()
                        .until(() -> stage.db().number(altering) == 0);
                return new Osc(osc.exitValue(), java.nio.file.Files.readString(out), java.nio.file.Files.readString(err));
            } finally {
                osc.destroyForcibly();
                java.nio.file.Files.deleteIfExists(out);
                java.nio.file.Files.deleteIfExists(err);
            }
        };
    }

    /**
     * An open transaction that ran {@code statement} on the table before the run began and stays
     * open: harmless for the copy, but it keeps the swap's exclusive lock (PostgreSQL) or the
     * metadata lock of the writer holds (MariaDB: the checksum's and the swap's) away. The run
     * must name its session; with {@code terminated} the run must have ended it (logged with the
     * query where the server shows one), else the session must still be there afterwards.
     */
    static During openTransactionThroughCutover(String statement, boolean terminated) {
        return stage -> blockerThroughCutover(stage, statement, terminated, false);
    }

    /**
     * The same with a transaction opened mid-copy: one that wrote cannot be open before the run,
     * because PostgreSQL's replication slot waits for every transaction that holds an xid.
     */
    static During openTransactionFromMidCopy(String statement, boolean terminated) {
        return stage -> blockerThroughCutover(stage, statement, terminated, true);
    }

    private static Osc blockerThroughCutover(Stage stage, String statement, boolean terminated, boolean midCopy) throws Exception {
        TestDatabase db = stage.db();
        try (Connection holder = db.connect(); Statement st = holder.createStatement()) {
            long session;
            try (ResultSet rs = st.executeQuery(PerDb.of("SELECT pg_backend_pid()", "SELECT CONNECTION_ID()").on(db.db()))) {
                rs.next();
                session = rs.getLong(1);
            }
            holder.setAutoCommit(false);
            Osc result;
            if (midCopy) {
                CompletableFuture<Osc> run = stage.start();
                awaitCopying(stage, run);
                assertThat(run).as("the run still copies when the transaction opens").isNotDone();
                st.execute(stage.sql(statement));
                result = run.get();
            } else {
                st.execute(stage.sql(statement));
                result = stage.run();
            }
            assertThat(result.err()).as("the blocker is named in %s", result).contains("blocked by session " + session + " (");
            if (terminated) {
                assertThat(result.err()).as("the blocker's end is logged in %s", result).contains("terminated session " + session + " (");
                if (db.db() == Db.POSTGRES) {
                    assertThat(result.err()).as("with its query").contains("): " + stage.sql(statement));
                }
                assertThatThrownBy(() -> st.execute("SELECT 1")).as("the blocker's session was ended").isInstanceOf(SQLException.class);
            } else {
                assertThat(result.err()).doesNotContain("terminated session");
                st.execute("SELECT 1");
                holder.rollback();
            }
            return result;
        }
    }

    /**
     * PostgreSQL: a session reads the shadow (as an autovacuum or a monitoring query would) from
     * mid-copy until well into the swap: the swap must wait for the shadow's lock before it holds
     * any writer, longer than its lock timeout, and start over instead of failing.
     */
    static During readerOnTheShadow() {
        return stage -> {
            TestDatabase db = stage.db();
            String shadow = "_" + stage.table() + "_osc_new";
            CompletableFuture<Osc> run = stage.start();
            try (Connection holder = db.connect(); Statement st = holder.createStatement()) {
                awaitCopying(stage, run);
                holder.setAutoCommit(false);
                st.execute("SELECT count(*) FROM " + db.quote(shadow));
                assertThat(run.isDone()).as("the reader holds its lock before the copy ends").isFalse();
                await().atMost(COPY_START).ignoreExceptions().until(() -> run.isDone()
                        || db.strings("SELECT phase FROM " + db.quote(stage.stateTable())).contains("cutover"));
                await().atMost(Duration.ofSeconds(30)).ignoreExceptions().until(() -> run.isDone() || db.number(
                        "SELECT count(*) FROM pg_locks WHERE relation = '" + shadow + "'::regclass AND NOT granted") > 0);
                assertThat(run.isDone()).as("the swap waits for the shadow instead of failing").isFalse();
                Thread.sleep(600); // longer than the 200 ms lock timeout: it must start over, not apply a backlog
                assertThat(run.isDone()).isFalse();
                holder.rollback();
            }
            return run.get();
        };
    }

    /**
     * PostgreSQL, direct DDL: while a reader holds the table, the ALTER gives up its lock wait and
     * retries instead of queueing writers behind it; a writer gets through in well under a second.
     */
    static During readerWhileDirectDdlRetries() {
        return stage -> {
            TestDatabase db = stage.db();
            try (Connection reader = db.connect(); Connection writer = db.connect();
                 Statement rs = reader.createStatement(); Statement ws = writer.createStatement()) {
                reader.setAutoCommit(false);
                rs.execute("SELECT count(*) FROM " + db.quote(stage.table()));
                CompletableFuture<Osc> alter = stage.start();
                await().atMost(Duration.ofSeconds(30)).until(() -> alter.isDone()
                        || db.number("SELECT count(*) FROM pg_stat_activity WHERE application_name = 'osc alter'") > 0);
                Thread.sleep(300); // let it run into the held lock a few times
                long start = System.nanoTime();
                ws.execute("INSERT INTO " + db.quote(stage.table()) + " VALUES (100000, 1, 'during')");
                assertThat((System.nanoTime() - start) / 1_000_000).as("writer wait while the ALTER retries").isLessThan(1_000);
                assertThat(alter).isNotDone();
                reader.rollback();
                return alter.get();
            }
        };
    }

    /** The scenario's ALTER with another {@code --table} argument ({@code {t}} for the table's name). */
    static During tableArgument(PerDb<String> table) {
        return stage -> Osc.alterOn(stage.db().url(), stage.sql(table.on(stage.db().db())), stage.alterClause(),
                stage.scenario().flagsOn(stage.db().db()).toArray(new String[0]));
    }

    /** The scenario's ALTER as a user that has a password, given a wrong one. */
    static During wrongPassword(String user, String password, String wrong) {
        return stage -> {
            Login login = stage.db().passwordLogin(user, password);
            return Osc.alterOn(login.urlWithUser() + "&password=" + wrong, stage.table(), stage.alterClause());
        };
    }
}
