package dev.osc.engine.pg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.osc.engine.scenario.TestDatabase;
import dev.osc.engine.testkit.MovingClock;
import dev.osc.throttling.ReplicaLag;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;
import org.postgresql.replication.LogSequenceNumber;
import org.postgresql.replication.PGReplicationStream;

/**
 * PostgreSQL's standbys as the primary sees them, on the real server: a physical walsender that
 * this test feeds its replay position (pgjdbc's replication protocol) stands for a standby; a
 * logical one (the run's own stream is one) does not count.
 */
class PgReplicationSignalsTest {
    private static final TestDatabase DB = TestDatabase.postgres();

    private static Connection replication(String name, String kind) throws SQLException {
        Properties p = new Properties();
        p.setProperty("replication", kind);
        p.setProperty("assumeMinServerVersion", "10");
        p.setProperty("preferQueryMode", "simple");
        p.setProperty("ApplicationName", name);
        return DriverManager.getConnection(DB.url(), p);
    }

    private static LogSequenceNumber currentLsn() throws SQLException {
        return LogSequenceNumber.valueOf(DB.strings("SELECT pg_current_wal_lsn()").get(0));
    }

    private static List<ReplicaLag> mine(List<ReplicaLag> all) {
        return all.stream().filter(l -> l.replica().contains("osc-test-standby")).toList();
    }

    @Test
    void withoutStandbysThereIsNoLag() throws Exception {
        MovingClock clock = new MovingClock(); // the stalled-replay estimate is measured on the run's clock
        try (Connection c = DB.connect()) {
            PgStandbys standbys = new PgStandbys(c, clock, "postgresql://primary");
            assertThat(mine(standbys.read())).isEmpty();
            assertThat(standbys.describe()).isEqualTo("the standbys of postgresql://primary");
        }
    }

    @Test
    void aStandbyWhoseReplayStallsIsSeenFallingBehindAndCatchingUp() throws Exception {
        MovingClock clock = new MovingClock(); // the stalled-replay estimate is measured on the run's clock
        DB.exec("DROP TABLE IF EXISTS rs_t", "DROP PUBLICATION IF EXISTS rs_pub", "CREATE TABLE rs_t (id int)",
                "CREATE PUBLICATION rs_pub FOR TABLE rs_t");
        try (Connection physical = replication("osc-test-standby", "true");
             Connection logical = replication("osc-test-logical", "database");
             Connection c = DB.connect()) {
            LogSequenceNumber start = currentLsn();
            PGReplicationStream standby = physical.unwrap(PGConnection.class).getReplicationAPI().replicationStream()
                    .physical().withStartPosition(start).start();
            report(standby, start);
            logical.unwrap(PGConnection.class).getReplicationAPI().createReplicationSlot().logical()
                    .withSlotName("rs_slot").withOutputPlugin("pgoutput").withTemporaryOption().make();
            logical.unwrap(PGConnection.class).getReplicationAPI().replicationStream().logical().withSlotName("rs_slot")
                    .withSlotOption("proto_version", "1").withSlotOption("publication_names", "rs_pub").start();

            PgStandbys standbys = new PgStandbys(c, clock, "postgresql://primary");
            await().atMost(Duration.ofSeconds(10)).until(() -> !mine(standbys.read()).isEmpty());
            assertThat(standbys.read()).as("the logical walsender is no standby")
                    .noneMatch(l -> l.replica().contains("osc-test-logical"));
            assertThat(mine(standbys.read())).singleElement().satisfies(l -> {
                assertThat(l.replica()).startsWith("standby osc-test-standby@");
                assertThat(l.millis()).isLessThan(1_000);
            });

            // the primary writes; the standby replays nothing: replay_lag stays as it was, the estimate grows
            DB.exec("INSERT INTO rs_t VALUES (1)");
            standbys.read();
            clock.now = clock.now.plusSeconds(5);
            DB.exec("INSERT INTO rs_t VALUES (2)");
            assertThat(mine(standbys.read())).singleElement().satisfies(l -> assertThat(l.millis()).isGreaterThanOrEqualTo(5_000));
            clock.now = clock.now.plusSeconds(3);
            assertThat(mine(standbys.read())).singleElement().satisfies(l -> assertThat(l.millis()).isGreaterThanOrEqualTo(8_000));

            LogSequenceNumber now = currentLsn();
            report(standby, now);
            await().atMost(Duration.ofSeconds(10)).until(() -> mine(standbys.read()).get(0).millis() < 1_000);
            standby.close();
        } finally {
            DB.exec("DROP TABLE IF EXISTS rs_t", "DROP PUBLICATION IF EXISTS rs_pub");
        }
    }

    private static void report(PGReplicationStream standby, LogSequenceNumber replayed) throws SQLException {
        standby.setFlushedLSN(replayed);
        standby.setAppliedLSN(replayed);
        standby.forceUpdateStatus();
    }

    @Test
    void aNamedReplicaThatIsNoStandbyCannotBeRead() throws Exception {
        try (Connection c = DB.connect()) {
            assertThatThrownBy(() -> PgStandbyReplay.read(c, "replica postgresql://p")).isInstanceOf(SQLException.class)
                    .hasMessage("replica postgresql://p is not a standby (pg_is_in_recovery() is false)");
        }
    }
}
