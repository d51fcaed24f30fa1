package dev.osc.engine.pg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.osc.engine.testkit.EmbeddedPg;
import dev.osc.engine.testkit.EmbeddedStandby;
import dev.osc.throttling.ReplicaLag;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A real streaming standby, two seconds behind by {@code recovery_min_apply_delay}: the primary
 * sees its replay lag, the standby read on itself ({@code --replica}) shows lag while received
 * WAL waits, and a paused replay or a lost primary is reported as not replicating.
 */
class PgStandbyTest {

    @Test
    void aDelayedStandbyLagsOnBothSidesAndAPausedOrOrphanedOneIsStopped() throws Exception {
        try (EmbeddedPg primary = EmbeddedPg.start()) {
            exec(primary.url(), "CREATE TABLE t (id int)");
            try (EmbeddedStandby standby = EmbeddedStandby.of(primary, "osc_standby_test", List.of("recovery_min_apply_delay=2s"));
                 Connection onPrimary = DriverManager.getConnection(primary.url());
                 Connection onStandby = DriverManager.getConnection(standby.url())) {
                PgStandbys standbys = new PgStandbys(onPrimary, Clock.systemUTC(), "postgresql://primary");
                await().atMost(Duration.ofSeconds(30)).until(() -> lagOnStandby(onStandby).equals(ReplicaLag.behind("r", 0)));
                assertThat(standbys.read()).singleElement().satisfies(l -> assertThat(l.replica()).startsWith("standby osc_standby_test@"));

                exec(primary.url(), "INSERT INTO t VALUES (1)");
                await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(100))
                        .until(() -> lagOnStandby(onStandby).millis() > 0);
                await().atMost(Duration.ofSeconds(10)).until(() -> standbys.read().get(0).millis() >= 1_500);
                await().atMost(Duration.ofSeconds(10)).until(() -> lagOnStandby(onStandby).millis() == 0);

                try (Statement st = onStandby.createStatement()) {
                    st.execute("SELECT pg_wal_replay_pause()");
                    assertThat(lagOnStandby(onStandby)).isEqualTo(ReplicaLag.stopped("r", "WAL replay is paused (pg_is_wal_replay_paused())"));
                    st.execute("SELECT pg_wal_replay_resume()");
                }
                assertThat(lagOnStandby(onStandby).isStopped()).isFalse();

                onPrimary.close();
                primary.close();
                await().atMost(Duration.ofSeconds(20))
                        .until(() -> lagOnStandby(onStandby).equals(ReplicaLag.stopped("r", "it receives no WAL (no WAL receiver is streaming)")));
            }
        }
    }

    private static ReplicaLag lagOnStandby(Connection c) throws SQLException {
        return PgStandbyReplay.read(c, "r");
    }

    private static void exec(String url, String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(url); Statement st = c.createStatement()) {
            st.execute(sql);
        }
    }
}
