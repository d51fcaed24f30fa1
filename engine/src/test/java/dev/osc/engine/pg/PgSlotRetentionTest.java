package dev.osc.engine.pg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.osc.engine.testkit.EmbeddedPg;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The WAL a slot holds back, and the warnings as it nears and passes max_slot_wal_keep_size, on a
 * private server (the test changes that setting and forces checkpoints, which must not touch the
 * other tests' slots).
 */
class PgSlotRetentionTest {
    private static final String SLOT = "osc_rt_slot";

    @Test
    void retainedWalIsMeasuredAndADangerToItIsWarnedAbout() throws Exception {
        try (EmbeddedPg pg = EmbeddedPg.start(); Connection admin = DriverManager.getConnection(pg.url());
             Connection probe = DriverManager.getConnection(pg.url())) {
            exec(admin, "SELECT pg_create_logical_replication_slot('" + SLOT + "', 'pgoutput')", "CREATE TABLE w (id int)");
            PgRetainedWal retained = new PgRetainedWal(probe, SLOT);
            PgSlotRetention watch = new PgSlotRetention(probe, SLOT);
            assertThat(retained.read()).isLessThan(16);
            assertThat(watch.check(Duration.ZERO)).as("max_slot_wal_keep_size = -1: no limit").isEmpty();
            assertThat(new PgRetainedWal(probe, "no_such_slot").read()).isZero();

            for (int i = 0; i < 6; i++) {
                exec(admin, "INSERT INTO w VALUES (" + i + ")", "SELECT pg_switch_wal()");
            }
            assertThat(retained.read()).isBetween(80L, 112L);

            keep(admin, "100MB");
            await().atMost(Duration.ofSeconds(10)).until(() -> watch.check(Duration.ZERO).isPresent());
            assertThat(watch.check(Duration.ZERO).get()).startsWith("slot " + SLOT + " may hold back only ")
                    .endsWith(" MB more WAL before max_slot_wal_keep_size (100 MB) makes the server remove what the change stream needs");

            keep(admin, "32MB");
            await().atMost(Duration.ofSeconds(10)).until(() -> watch.check(Duration.ZERO).orElse("").contains("unreserved"));
            assertThat(watch.check(Duration.ZERO)).contains("slot " + SLOT + " holds back more WAL than max_slot_wal_keep_size "
                    + "(32 MB, wal_status unreserved): the next checkpoint removes WAL the change stream needs");

            exec(admin, "INSERT INTO w VALUES (99)", "CHECKPOINT");
            Optional<String> lost = watch.check(Duration.ZERO);
            assertThat(lost).contains("slot " + SLOT + " lost WAL the change stream needs (wal_status lost, "
                    + "max_slot_wal_keep_size 32 MB): the stream cannot go on");
        }
    }

    private static void keep(Connection admin, String size) throws SQLException {
        exec(admin, "ALTER SYSTEM SET max_slot_wal_keep_size = '" + size + "'", "SELECT pg_reload_conf()");
    }

    private static void exec(Connection c, String... sql) throws SQLException {
        try (Statement st = c.createStatement()) {
            for (String s : sql) {
                st.execute(s);
            }
        }
    }
}
