package dev.osc.cdc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The stream's source position moves only over acknowledged batches. On PostgreSQL that is
 * visible in the server: the committed offset is what the connector confirms to the replication
 * slot, so the slot's {@code confirmed_flush_lsn} must stay before every unacknowledged batch,
 * however many heartbeats and offset flushes pass, and move past a batch once it is acknowledged.
 */
class DebeziumChangeStreamAcknowledgementIT {
    static final String SLOT = "osc_ack_test";
    static final String PUBLICATION = "osc_ack_test_pub";
    static TestPostgres pg;

    @BeforeAll
    static void startServer() throws Exception {
        pg = TestPostgres.start();
    }

    @AfterAll
    static void stopServer() throws Exception {
        if (pg != null) {
            pg.close();
        }
    }

    @Test
    void theSlotStaysBeforeTheFirstUnacknowledgedBatchAndMovesOnceAcknowledged() throws Exception {
        List<ChangeBatch> batches = new CopyOnWriteArrayList<>();
        try (Connection c = pg.connect()) {
            exec(c, "CREATE TABLE public.ack_t (id bigint PRIMARY KEY, v text)");
            DebeziumChangeStream stream = new DebeziumChangeStream(properties(), batches::add, Clock.systemUTC());
            try {
                stream.start(Duration.ofSeconds(60));
                await().atMost(Duration.ofSeconds(30)).until(() -> confirmedFlush(c) != null);
                long slotStart = confirmedFlush(c);

                long beforeFirst = currentLsn(c);
                exec(c, "INSERT INTO public.ack_t SELECT g, 'v' FROM generate_series(1, 100) g");
                await().atMost(Duration.ofSeconds(30)).until(() -> keys(batches) == 100);
                ChangeBatch lastOfFirst = batches.get(batches.size() - 1);

                long beforeSecond = currentLsn(c);
                exec(c, "UPDATE public.ack_t SET v = 'w' WHERE id <= 50");
                await().atMost(Duration.ofSeconds(30)).until(() -> keys(batches) == 150);
                ChangeBatch last = batches.get(batches.size() - 1);

                assertThat(batches.get(0).sequence()).isEqualTo(1);
                for (int i = 1; i < batches.size(); i++) {
                    assertThat(batches.get(i).sequence()).isEqualTo(batches.get(i - 1).sequence() + 1);
                }
                long firstLsn = lsn(batches.get(0));
                assertThat(firstLsn).as("the first change is written after this LSN was read").isGreaterThanOrEqualTo(beforeFirst);
                assertThat(lsn(last)).isGreaterThanOrEqualTo(beforeSecond);
                assertThat(lastOfFirst.position().toString()).startsWith("lsn ");

                // nothing acknowledged: heartbeats and flushes go on, the slot stays before the first batch
                await("the slot stays before the unacknowledged first batch").during(Duration.ofSeconds(3))
                        .atMost(Duration.ofSeconds(10)).until(() -> confirmedFlush(c) <= beforeFirst);
                assertThat(confirmedFlush(c)).isEqualTo(slotStart);
                assertThat(stream.acknowledgedPosition()).isNull();

                // the first transaction acknowledged: the slot may move, but not into the second
                stream.acknowledge(lastOfFirst.sequence());
                await().atMost(Duration.ofSeconds(30)).until(() -> stream.acknowledgedPosition() != null);
                await("the slot stays before the unacknowledged second batch").during(Duration.ofSeconds(3))
                        .atMost(Duration.ofSeconds(10)).until(() -> confirmedFlush(c) <= beforeSecond);

                // everything acknowledged: the next batch (a heartbeat, or here a later write, which stays
                // unacknowledged) carries the acknowledgement in and the slot moves past the last batch
                stream.acknowledge(last.sequence());
                java.util.concurrent.atomic.AtomicLong later = new java.util.concurrent.atomic.AtomicLong(1000);
                try {
                    await("the slot moves past the acknowledged last batch").atMost(Duration.ofSeconds(60))
                            .pollInterval(Duration.ofMillis(500))
                            .until(() -> {
                                exec(c, "INSERT INTO public.ack_t VALUES (" + later.incrementAndGet() + ", 'later')");
                                return confirmedFlush(c) > lsn(last);
                            });
                } catch (org.awaitility.core.ConditionTimeoutException e) {
                    // seen twice in about 30 runs, each the first on a freshly built tree: say where everything stood
                    String slot;
                    try {
                        slot = String.valueOf(confirmedFlush(c));
                    } catch (Exception unreadable) {
                        slot = "unreadable (" + unreadable.getMessage() + ")";
                    }
                    throw new AssertionError("the slot stayed at confirmed_flush_lsn " + slot + " (the last batch at "
                            + lsn(last) + ", " + batches.size() + " batches, acknowledged position " + stream.acknowledgedPosition()
                            + ", stream failure " + stream.failure().map(Throwable::toString).orElse("none") + ")", e);
                }
                assertThat(((StreamPosition.Lsn) stream.acknowledgedPosition()).lsn()).isGreaterThanOrEqualTo(lsn(last));
                assertThat(stream.failure()).isEmpty();
            } finally {
                stream.close();
                dropSlotAndPublication(c);
                exec(c, "DROP TABLE IF EXISTS public.ack_t");
            }
            try (Statement st = c.createStatement();
                 ResultSet rs = st.executeQuery("SELECT (SELECT count(*) FROM pg_replication_slots) + (SELECT count(*) FROM pg_publication)")) {
                rs.next();
                assertThat(rs.getLong(1)).as("slots and publications left behind").isZero();
            }
        }
    }

    private static Properties properties() {
        Properties p = new Properties();
        p.setProperty("name", SLOT);
        p.setProperty("connector.class", "io.debezium.connector.postgresql.PostgresConnector");
        p.setProperty("offset.storage", "org.apache.kafka.connect.storage.MemoryOffsetBackingStore");
        p.setProperty("offset.flush.interval.ms", "100");
        p.setProperty("topic.prefix", SLOT);
        p.setProperty("database.hostname", "localhost");
        p.setProperty("database.port", Integer.toString(pg.port()));
        p.setProperty("database.dbname", "postgres");
        p.setProperty("database.user", "postgres");
        p.setProperty("plugin.name", "pgoutput");
        p.setProperty("slot.name", SLOT);
        p.setProperty("publication.name", PUBLICATION);
        p.setProperty("publication.autocreate.mode", "filtered");
        p.setProperty("table.include.list", "public\\.ack_t");
        p.setProperty("snapshot.mode", "no_data");
        p.setProperty("poll.interval.ms", "10");
        p.setProperty("heartbeat.interval.ms", "100");
        p.setProperty("status.update.interval.ms", "100");
        p.setProperty("errors.max.retries", "0");
        return p;
    }

    private static int keys(List<ChangeBatch> batches) {
        return batches.stream().mapToInt(ChangeBatch::size).sum();
    }

    private static long lsn(ChangeBatch batch) {
        return ((StreamPosition.Lsn) batch.position()).lsn();
    }

    private static Long confirmedFlush(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT (confirmed_flush_lsn - '0/0'::pg_lsn)::bigint FROM pg_replication_slots WHERE slot_name = ?")) {
            ps.setString(1, SLOT);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? (Long) rs.getObject(1) : null;
            }
        }
    }

    private static long currentLsn(Connection c) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT (pg_current_wal_lsn() - '0/0'::pg_lsn)::bigint")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static void exec(Connection c, String sql) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute(sql);
        }
    }

    private static void dropSlotAndPublication(Connection c) throws SQLException {
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT active FROM pg_replication_slots WHERE slot_name = ?")) {
                ps.setString(1, SLOT);
                try (ResultSet rs = ps.executeQuery()) {
                    return !rs.next() || !rs.getBoolean(1);
                }
            }
        });
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT pg_drop_replication_slot(slot_name) FROM pg_replication_slots WHERE slot_name = ?")) {
            ps.setString(1, SLOT);
            ps.execute();
        }
        exec(c, "DROP PUBLICATION IF EXISTS " + PUBLICATION);
    }
}
