package dev.osc.engine.it;

import static dev.osc.engine.it.KilledRuns.helper;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.osc.engine.scenario.Db;
import dev.osc.engine.scenario.Leaks;
import dev.osc.engine.scenario.Shape;
import dev.osc.engine.scenario.TestDatabase;
import dev.osc.engine.testkit.EmbeddedMaria;
import dev.osc.engine.testkit.EmbeddedPg;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The fault plan's server restart: the database server crashes (its process killed, as a lost
 * machine would) and comes back while osc copies, under a writer that keeps an oracle table in the
 * same transactions and reconnects. The run stops with exit 1 (it cannot go on without its server),
 * and the same command afterwards ends the ALTER with the table equal to the oracle and nothing of
 * either run left. Each database gets a private server of its own, so no other test sees the crash.
 */
class ServerRestartIT {
    private static final int ROWS = 20_000;

    @ParameterizedTest(name = "{0}")
    @EnumSource(Db.class)
    void aServerRestartDuringTheCopyLosesNothingAndTheSameCommandFinishes(Db on) throws Exception {
        try (CrashableServer server = CrashableServer.start(on)) {
            TestDatabase db = TestDatabase.at(on, server.url());
            String t = "restart_" + on.name().toLowerCase();
            String oracle = t + "_oracle";
            String alter = KilledRuns.RETYPE.on(on);
            db.exec(Shape.PLAIN.create(on, t, ROWS).toArray(new String[0]));
            db.exec(Shape.PLAIN.create(on, oracle, ROWS).toArray(new String[0]));

            AtomicBoolean writing = new AtomicBoolean(true);
            AtomicLong committed = new AtomicLong();
            Thread writer = new Thread(() -> write(db, t, oracle, writing, committed), "oracle-writer");
            writer.start();
            Path err = Files.createTempFile("osc-restart", ".err");
            String stopped;
            try {
                Process osc = KilledRuns.start(db, t, alter, err);
                try {
                    KilledRuns.awaitCopy(db, t, osc, err, () -> true);
                    long before = committed.get();
                    server.crashAndRestart();
                    assertThat(osc.waitFor(120, TimeUnit.SECONDS)).as("osc stops once its server is gone").isTrue();
                    stopped = Files.readString(err);
                    assertThat(osc.exitValue()).as(stopped).isEqualTo(1);
                    // the writer is back on the restarted server
                    await().atMost(Duration.ofSeconds(60)).until(() -> committed.get() > before + 20);
                } finally {
                    osc.destroyForcibly();
                }
            } finally {
                writing.set(false);
                writer.join();
                Files.deleteIfExists(err);
            }
            assertThat(stopped).as("one line, no stack trace").doesNotContain("\tat ")
                    .containsPattern("osc: failed: (lost the connection to the database server|the change stream stopped)");

            Osc again = Osc.alterOn(db.url(), t, alter, "--strategy", "shadow");
            assertThat(again.exit()).as(again.toString()).isZero();
            assertThat(db.columnType(t, "v")).startsWith("bigint");
            assertThat(KilledRuns.digest(db, t)).as("the table equals the oracle").isEqualTo(KilledRuns.digest(db, oracle));
            db.dropTables(t, oracle, helper(on, t, "old"));
            Leaks.assertNone(db);
        }
    }

    /** Each transaction changes the table and the oracle alike; one that fails changes neither. A lost connection is opened again. */
    private static void write(TestDatabase db, String t, String oracle, AtomicBoolean writing, AtomicLong committed) {
        long n = 0;
        Connection c = null;
        while (writing.get()) {
            try {
                if (c == null) {
                    c = db.connect();
                    c.setAutoCommit(false);
                }
                n++;
                KilledRuns.changeBoth(c, db, t, oracle, n, ROWS);
                committed.incrementAndGet();
            } catch (SQLException e) {
                // the server is gone or the transaction failed: in both cases neither table changed
                closeQuietly(c);
                c = null;
            }
            sleep(5);
        }
        closeQuietly(c);
    }

    private static void closeQuietly(Connection c) {
        if (c != null) {
            try {
                c.close();
            } catch (SQLException ignored) {
                // gone with the server
            }
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A private server a test may crash: PostgreSQL restarts itself after a backend is SIGKILLed; MariaDB is relaunched. */
    private interface CrashableServer extends AutoCloseable {
        String url();

        /** Crashes the server and returns once it accepts connections again. */
        void crashAndRestart() throws Exception;

        @Override
        void close() throws Exception;

        static CrashableServer start(Db on) throws Exception {
            if (on == Db.MARIADB) {
                Assumptions.assumeTrue(EmbeddedMaria.installed() || "1".equals(System.getenv("OSC_REQUIRE_MYSQL")),
                        "MariaDB tests skipped: install mariadb-server (.ci/run does)");
                EmbeddedMaria maria = EmbeddedMaria.start();
                return new CrashableServer() {
                    public String url() {
                        return maria.url();
                    }

                    public void crashAndRestart() throws Exception {
                        maria.crashAndRestart();
                    }

                    public void close() {
                        maria.close();
                    }
                };
            }
            EmbeddedPg pg = EmbeddedPg.start();
            return new CrashableServer() {
                public String url() {
                    return pg.url();
                }

                /** A backend killed by a signal makes the postmaster end every session and run crash recovery. */
                public void crashAndRestart() throws Exception {
                    String checkpointerStart = checkpointerStart();
                    try (Connection c = java.sql.DriverManager.getConnection(pg.url()); Statement st = c.createStatement();
                         ResultSet rs = st.executeQuery("SELECT pg_backend_pid()")) {
                        rs.next();
                        Process kill = new ProcessBuilder("kill", "-9", Long.toString(rs.getLong(1))).inheritIO().start();
                        assertThat(kill.waitFor()).isZero();
                    }
                    // back once a new checkpointer runs: the restart after the crash is done
                    await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).ignoreExceptions()
                            .until(() -> !checkpointerStart.equals(checkpointerStart()));
                }

                private String checkpointerStart() throws SQLException {
                    try (Connection c = java.sql.DriverManager.getConnection(pg.url()); Statement st = c.createStatement();
                         ResultSet rs = st.executeQuery("SELECT backend_start::text FROM pg_stat_activity WHERE backend_type = 'checkpointer'")) {
                        rs.next();
                        return rs.getString(1);
                    }
                }

                public void close() throws Exception {
                    pg.close();
                }
            };
        }
    }
}
