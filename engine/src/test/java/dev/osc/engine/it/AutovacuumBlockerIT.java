package dev.osc.engine.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.osc.engine.scenario.Leaks;
import dev.osc.engine.scenario.TestDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * An autovacuum of the source in the way of the checksum's hold: the server cancels one only for a
 * lock request that waits past {@code deadlock_timeout} (1 s), never for osc's 200 ms attempts, so
 * osc cancels it itself, says so, and finishes; before, it waited for the whole VACUUM (minutes here)
 * or gave up at --cutover-timeout.
 */
class AutovacuumBlockerIT {
    private static final TestDatabase PG = TestDatabase.postgres();

    @Test
    void aSlowAutovacuumOfTheSourceIsCancelledAndTheShadowRunFinishes() throws Exception {
        try {
            slowAutovacuumOn("it_autovac");
            Osc run = Osc.run("alter", "--url", PG.url(), "--table", "it_autovac", "--alter", "ALTER COLUMN v TYPE bigint",
                    "--strategy", "shadow", "--execute", "--cutover-timeout", "45s", "--max-rows-per-second", "4000");

            assertThat(run.exit()).as(run.err()).isZero();
            // the worker first found may give way to the run's publication (which waits on it past deadlock_timeout);
            // the copy, throttled to 5 s, leaves the next one, started a second later, in the way of the checksum's hold
            assertCancelledAnAutovacuum(run);
            assertThat(PG.strings("SELECT format_type(atttypid, atttypmod) FROM pg_attribute "
                    + "WHERE attrelid = 'it_autovac'::regclass AND attname = 'v'")).containsExactly("bigint");
            assertThat(PG.number("SELECT count(*) FROM it_autovac")).isEqualTo(20000);
        } finally {
            cleanUp("it_autovac");
        }
        Leaks.assertNone(PG);
    }

    /** A direct ALTER under osc's 200 ms lock timeout: before, every retry gave up on the VACUUM's lock. */
    @Test
    void aSlowAutovacuumIsCancelledForADirectAlter() throws Exception {
        try {
            slowAutovacuumOn("it_autovac_d");
            Osc run = Osc.run("alter", "--url", PG.url(), "--table", "it_autovac_d", "--alter", "ADD COLUMN w int",
                    "--strategy", "direct", "--execute");

            assertThat(run.exit()).as(run.err()).isZero();
            assertCancelledAnAutovacuum(run);
            assertThat(PG.number("SELECT count(*) FROM pg_attribute WHERE attrelid = 'it_autovac_d'::regclass AND attname = 'w'"))
                    .isEqualTo(1);
        } finally {
            cleanUp("it_autovac_d");
        }
    }

    /** A migration's own direct statement (not an ALTER TABLE): the session lowers deadlock_timeout, so the server cancels it. */
    @Test
    void aSlowAutovacuumGivesWayToAMigrationsDirectStatement(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        try {
            // the index before the VACUUM starts: building it would wait on the VACUUM, and the server would cancel it
            slowAutovacuumOn("it_autovac_m", "CREATE INDEX it_autovac_m_v ON it_autovac_m (v)");
            java.nio.file.Files.writeString(dir.resolve("V1__drop_index.sql"), "DROP INDEX it_autovac_m_v;\n");
            Osc run = Osc.run("migrate", "--url", PG.url(), "--dir", dir.toString(), "--execute");

            assertThat(run.exit()).as(run.err()).isZero();
            assertThat(PG.strings("SELECT to_regclass('it_autovac_m_v')::text")).containsOnlyNulls();
        } finally {
            cleanUp("it_autovac_m", "osc_schema_history");
        }
    }

    /**
     * {@code table} with 20,000 dead rows and an autovacuum working on it slowly (every page it touches
     * costs it a 100-400 ms nap: minutes for the table), started within a second (autovacuum_naptime);
     * {@code before} runs on the empty table first.
     */
    private static void slowAutovacuumOn(String table, String... before) throws Exception {
        PG.exec("DROP TABLE IF EXISTS " + table,
                "CREATE TABLE " + table + " (id bigint PRIMARY KEY, v int, pad text) WITH (autovacuum_vacuum_cost_delay = 100, "
                        + "autovacuum_vacuum_cost_limit = 1, autovacuum_vacuum_threshold = 0, autovacuum_vacuum_scale_factor = 0)");
        PG.exec(before);
        PG.exec("INSERT INTO " + table + " SELECT g, g, repeat('x', 100) FROM generate_series(1, 20000) g",
                "UPDATE " + table + " SET v = v + 1",
                "ALTER SYSTEM SET autovacuum_naptime = '1s'", "SELECT pg_reload_conf()");
        await("an autovacuum worker on " + table).atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                .until(() -> autovacuumOn(table) != null);
    }

    /** The server's autovacuum_naptime again, and {@code tables} dropped. */
    private static void cleanUp(String... tables) throws Exception {
        PG.exec("ALTER SYSTEM RESET autovacuum_naptime", "SELECT pg_reload_conf()", "DROP TABLE IF EXISTS " + String.join(", ", tables));
    }

    private static void assertCancelledAnAutovacuum(Osc run) {
        assertThat(run.err()).containsPattern("cancelled session \\d+ \\(user \\?, autovacuum worker, [^)]*\\): autovacuum: VACUUM")
                .contains("it gives way to a lock request that waits on it");
    }

    /** The pid of an autovacuum worker on {@code table}, or null. */
    private static Long autovacuumOn(String table) throws Exception {
        try (Connection c = PG.connect(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT pid FROM pg_stat_activity WHERE backend_type = 'autovacuum worker' "
                     + "AND query LIKE '%" + table + "'")) {
            return rs.next() ? rs.getLong(1) : null;
        }
    }
}
