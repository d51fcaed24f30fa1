package dev.osc.engine.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.osc.cdc.ChangeBatch;
import dev.osc.cdc.ChangedKey;
import dev.osc.cdc.DebeziumChangeStream;
import dev.osc.cdc.StreamPosition;
import dev.osc.engine.model.TableName;
import dev.osc.engine.mysql.MyConnector;
import dev.osc.engine.scenario.TestDatabase;
import dev.osc.engine.mysql.MyRunNames;
import dev.osc.engine.mysql.MyStreamSetup;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * On MariaDB the stream's position lives only in Debezium's offset store (the server keeps no
 * slot), so the acknowledgement shows on a restart: with a file offset store, a stream restarted
 * after a close delivers again every batch that was not acknowledged, and not the acknowledged ones;
 * its schema history, kept in memory, is rebuilt from the catalog ({@code snapshot.mode=recovery}).
 */
class MariaStreamResumeIT {
    private static final TestDatabase MARIA = TestDatabase.mariadb();


    @Test
    void aRestartDeliversTheUnacknowledgedBatchesAgain(@TempDir Path dir) throws Exception {
        MARIA.exec("DROP TABLE IF EXISTS it_resume", "CREATE TABLE it_resume (id bigint PRIMARY KEY, v varchar(20))");
        MyConnector connector = new MyConnector(MARIA.url(), null, null);
        MyStreamSetup setup = new MyStreamSetup(connector, new MyRunNames(new TableName(connector.database(), "it_resume"), "resumetest"));
        Properties properties = setup.connectorProperties();
        properties.setProperty("offset.storage", "org.apache.kafka.connect.storage.FileOffsetBackingStore");
        properties.setProperty("offset.storage.file.filename", dir.resolve("offsets.dat").toString());
        properties.setProperty("offset.flush.interval.ms", "100");
        try {
            List<ChangeBatch> first = new CopyOnWriteArrayList<>();
            DebeziumChangeStream stream = new DebeziumChangeStream(properties, first::add, Clock.systemUTC());
            try {
                stream.start(Duration.ofSeconds(60));
                // the binlog client connects after the task started: write sentinels until one arrives
                AtomicInteger sentinel = new AtomicInteger();
                await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() -> {
                    MARIA.exec("INSERT INTO it_resume VALUES (" + (-sentinel.incrementAndGet()) + ", 's')");
                    return !first.isEmpty();
                });
                MARIA.exec("INSERT INTO it_resume SELECT seq, 'a' FROM seq_1_to_50");
                await().atMost(Duration.ofSeconds(30)).until(() -> ids(first).containsAll(range(1, 50)));
                stream.acknowledge(first.get(first.size() - 1).sequence());

                // the next batch carries the acknowledgement in; its own keys stay unacknowledged
                MARIA.exec("INSERT INTO it_resume SELECT seq, 'b' FROM seq_101_to_130");
                await().atMost(Duration.ofSeconds(30)).until(() -> ids(first).containsAll(range(101, 130)));
                await("the acknowledgement is handed to the engine").atMost(Duration.ofSeconds(30))
                        .until(() -> stream.acknowledgedPosition() != null);
                assertThat(stream.acknowledgedPosition()).isInstanceOf(StreamPosition.Binlog.class);
                assertThat(stream.acknowledgedPosition().toString()).startsWith("binlog ");
            } finally {
                stream.close();
            }

            // the schema history lived in memory: the restarted stream rebuilds it from the catalog as it stands
            // (a run refuses any DDL on its source, so the catalog is the schema at the acknowledged position)
            properties.setProperty("snapshot.mode", "recovery");
            Set<Long> again = ConcurrentHashMap.newKeySet();
            DebeziumChangeStream restarted = new DebeziumChangeStream(properties, batch -> again.addAll(ids(List.of(batch))),
                    Clock.systemUTC());
            try {
                restarted.start(Duration.ofSeconds(60));
                await("the unacknowledged batch is delivered again").atMost(Duration.ofSeconds(30))
                        .until(() -> again.containsAll(range(101, 130)));
                assertThat(again).as("acknowledged rows are not delivered again").doesNotContainAnyElementsOf(range(1, 49));
                assertThat(restarted.failure()).isEmpty();
            } finally {
                restarted.close();
            }
        } finally {
            MARIA.exec("DROP TABLE IF EXISTS it_resume");
        }
    }

    private static Set<Long> ids(List<ChangeBatch> batches) {
        Set<Long> ids = new java.util.HashSet<>();
        for (ChangeBatch batch : batches) {
            for (ChangedKey key : batch) {
                if (key.table().equals("it_resume")) {
                    ids.add(Long.parseLong(key.key().get(0)));
                }
            }
        }
        return ids;
    }

    private static List<Long> range(long from, long to) {
        return java.util.stream.LongStream.rangeClosed(from, to).boxed().toList();
    }
}
