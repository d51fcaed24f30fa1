package dev.osc.engine.mysql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.osc.cdc.StreamPosition;
import dev.osc.engine.scenario.TestDatabase;
import dev.osc.engine.shadow.Replicas;
import dev.osc.engine.testkit.EmbeddedMaria;
import dev.osc.throttling.ReplicaLag;
import dev.osc.throttling.ReplicaLagSignal;
import java.net.URI;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The replica lag and binlog retention of MariaDB on real servers: a second private mariadbd
 * replicates the test database's {@code osc_lag} schema; its SQL thread is held on a row lock
 * (lag grows), then stopped (NULL: not replicating).
 */
class MyReplicationSignalsTest {
    private static final TestDatabase PRIMARY = TestDatabase.mariadb();
    private static final String PASSWORD = "never-Sh0wn";
    private static EmbeddedMaria replica;

    @BeforeAll
    static void startReplica() throws Exception {
        PRIMARY.exec("CREATE DATABASE IF NOT EXISTS osc_lag", "DROP TABLE IF EXISTS osc_lag.t",
                "CREATE TABLE osc_lag.t (id INT PRIMARY KEY, v INT) ENGINE=InnoDB", "INSERT INTO osc_lag.t VALUES (1, 0)");
        String file;
        long pos;
        try (Connection c = PRIMARY.connect(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SHOW MASTER STATUS")) {
            rs.next();
            file = rs.getString(1);
            pos = rs.getLong(2);
        }
        replica = EmbeddedMaria.start(64, List.of("--server-id=2", "--replicate-wild-do-table=osc_lag.%", "--skip-slave-start"));
        URI primary = URI.create(PRIMARY.url().substring("jdbc:".length()));
        try (Connection c = DriverManager.getConnection(replica.url()); Statement st = c.createStatement()) {
            st.execute("CREATE DATABASE osc_lag");
            st.execute("CREATE TABLE osc_lag.t (id INT PRIMARY KEY, v INT) ENGINE=InnoDB");
            st.execute("INSERT INTO osc_lag.t VALUES (1, 0)");
            st.execute("CHANGE MASTER TO MASTER_HOST='" + primary.getHost() + "', MASTER_PORT=" + primary.getPort()
                    + ", MASTER_USER='root', MASTER_PASSWORD='', MASTER_LOG_FILE='" + file + "', MASTER_LOG_POS=" + pos);
            st.execute("START SLAVE");
        }
    }

    @AfterAll
    static void stopReplica() throws Exception {
        if (replica != null) {
            replica.close();
        }
        PRIMARY.exec("DROP DATABASE IF EXISTS osc_lag");
    }

    private static Connection onReplica() throws SQLException {
        return DriverManager.getConnection(replica.url());
    }

    private static ReplicaLag lag() throws SQLException {
        try (Connection c = onReplica()) {
            return MyReplicaStatus.read(c, "replica r1");
        }
    }

    private static void awaitCaughtUp() throws Exception {
        try {
            await().atMost(Duration.ofSeconds(20)).until(() -> lag().equals(ReplicaLag.behind("replica r1", 0)));
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            throw new AssertionError("the replica did not catch up: " + lag() + " / " + status(), e);
        }
    }

    private static String status() throws SQLException {
        try (Connection c = onReplica(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SHOW SLAVE STATUS")) {
            rs.next();
            return rs.getString("Slave_IO_Running") + " " + rs.getString("Slave_SQL_Running") + " " + rs.getString("Last_IO_Error")
                    + " " + rs.getString("Last_SQL_Error") + " sbm " + rs.getString("Seconds_Behind_Master");
        }
    }

    @Test
    void secondsBehindMasterIsTheLagAndNullIsReplicationStopped() throws Exception {
        awaitCaughtUp();

        try (Connection blocker = onReplica(); Statement st = blocker.createStatement()) {
            blocker.setAutoCommit(false);
            st.executeQuery("SELECT * FROM osc_lag.t WHERE id = 1 FOR UPDATE").close();
            PRIMARY.exec("UPDATE osc_lag.t SET v = 1 WHERE id = 1");
            // the replica's SQL thread waits on the row lock while the event grows old
            await().atMost(Duration.ofSeconds(20)).until(() -> lag().millis() >= 2_000);
            assertThat(lag().isStopped()).isFalse();
            blocker.rollback();
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> lag().millis() == 0);

        try (Connection c = onReplica(); Statement st = c.createStatement()) {
            st.execute("STOP SLAVE SQL_THREAD");
            try {
                ReplicaLag stopped = lag();
                assertThat(stopped.isStopped()).isTrue();
                assertThat(stopped.stopped()).isEqualTo("Seconds_Behind_Master is NULL (I/O thread Yes, SQL thread No)");
            } finally {
                st.execute("START SLAVE SQL_THREAD");
            }
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> !lag().isStopped());
    }

    @Test
    void theSignalReadsANamedReplicaWithTheCredentialsOfUrlAndNeverShowsThem() throws Exception {
        awaitCaughtUp();
        try (Connection c = onReplica(); Statement st = c.createStatement()) {
            st.execute("CREATE USER IF NOT EXISTS 'lagwatch'@'127.0.0.1' IDENTIFIED BY '" + PASSWORD + "'");
            st.execute("GRANT SLAVE MONITOR ON *.* TO 'lagwatch'@'127.0.0.1'");
            st.execute("GRANT SELECT ON osc.* TO 'lagwatch'@'127.0.0.1'");
        }
        // as with --url: the URL's own user is overridden by --user, the password comes from --password-env
        String host = "127.0.0.1:" + replica.port();
        String url = "jdbc:mariadb://" + host + "/osc?user=root";
        try (Replicas replicas = new Replicas(List.of(url), u -> new MyConnector(u, "lagwatch", PASSWORD), "osc replica lag r1",
                MyReplicaStatus::read)) {
            ReplicaLagSignal signal = new ReplicaLagSignal(1_000, replicas.sources());
            assertThat(replicas.sources().get(0).describe()).isEqualTo("replica mariadb://" + host + "/osc");
            try (Connection c = onReplica(); Statement st = c.createStatement()) {
                st.execute("STOP SLAVE SQL_THREAD");
                try {
                    assertThat(signal.sample()).contains("max-lag: replica mariadb://" + host
                            + "/osc is not replicating: Seconds_Behind_Master is NULL (I/O thread Yes, SQL thread No)");
                } finally {
                    st.execute("START SLAVE SQL_THREAD");
                }
            }
            await().atMost(Duration.ofSeconds(20)).until(() -> signal.sample().isEmpty());
            assertThat(sessionsNamed("osc replica lag r1")).as("one connection of its own, kept").isEqualTo(1);
            replicas.close();
            await().atMost(Duration.ofSeconds(5)).until(() -> sessionsNamed("osc replica lag r1") == 0);
        } catch (SQLException e) {
            assertThat(e.getMessage()).doesNotContain(PASSWORD);
            throw e;
        }
    }

    private static long sessionsNamed(String role) throws SQLException {
        try (Connection c = onReplica(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(
                "SELECT COUNT(*) FROM performance_schema.session_connect_attrs WHERE ATTR_NAME = 'program_name' AND ATTR_VALUE = '" + role + "'")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Test
    void aServerThatIsNoReplicaOrIsGoneCannotBeRead() throws Exception {
        try (Connection c = PRIMARY.connect()) {
            assertThatThrownBy(() -> MyReplicaStatus.read(c, "replica p")).isInstanceOf(SQLException.class)
                    .hasMessage("replica p is not a replica (SHOW REPLICA STATUS shows nothing)");
        }
        String gone = "jdbc:mariadb://127.0.0.1:1/osc?user=root&password=" + PASSWORD;
        try (Replicas replicas = new Replicas(List.of(gone), u -> new MyConnector(u, null, null), "osc replica lag r1", MyReplicaStatus::read)) {
            Optional<String> reason = new ReplicaLagSignal(1_000, replicas.sources()).sample();
            assertThat(reason).isPresent();
            assertThat(reason.get()).startsWith("max-lag: cannot read replica mariadb://127.0.0.1:1/osc: ").doesNotContain(PASSWORD);
        }
    }

    @Test
    void theBinlogRetentionWarnsAtHalfItAndWhenTheStreamsFileIsPurged() throws Exception {
        try (Connection c = onReplica(); Statement st = c.createStatement()) {
            st.execute("SET GLOBAL binlog_expire_logs_seconds = 100");
            String first;
            try (ResultSet rs = st.executeQuery("SHOW BINARY LOGS")) {
                rs.next();
                first = rs.getString(1);
            }
            StreamPosition[] at = {new StreamPosition.Binlog(first, 4, null)};
            MyBinlogRetention watch = new MyBinlogRetention(c, () -> at[0]);
            assertThat(watch.retentionSeconds()).isEqualTo(100);
            assertThat(watch.check(Duration.ZERO)).isEmpty();
            assertThat(watch.check(Duration.ofSeconds(49))).isEmpty();
            assertThat(watch.check(Duration.ofSeconds(50))).contains("the copy has been throttled for 50 s, half the binary log "
                    + "retention (100 s): a longer throttle risks the binary logs the change stream resumes from being purged");
            at[0] = new StreamPosition.Binlog("binlog.999999", 4, null);
            assertThat(watch.check(Duration.ZERO)).contains("the binary log binlog.999999 the change stream resumes from is purged: "
                    + "should the run stop now, a restart copies the table again");
            st.execute("SET GLOBAL binlog_expire_logs_seconds = 0");
            at[0] = new StreamPosition.Binlog(first, 4, null);
            assertThat(watch.check(Duration.ofDays(30))).as("binary logs that never expire").isEmpty();
        }
    }
}
