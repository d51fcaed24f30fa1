package dev.osc.engine.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.osc.cdc.ChangedKey;
import dev.osc.cdc.DebeziumChangeStream;
import dev.osc.cdc.Fence;
import dev.osc.engine.model.TableName;
import dev.osc.engine.pg.PgConnector;
import dev.osc.engine.pg.PgHelperTables;
import dev.osc.engine.shadow.SentinelWriter;
import dev.osc.engine.pg.PgRunNames;
import dev.osc.engine.pg.PgStreamSetup;
import dev.osc.engine.scenario.Leaks;
import dev.osc.engine.scenario.TestDatabase;
import java.sql.Connection;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

/**
 * The change stream on a real server: once the start sentinel came back (invariant 1), every
 * committed change is delivered as its key, a primary-key update as both keys, and closing the
 * stream and dropping the slot leaves nothing behind.
 */
class ChangeStreamIT {
    private static final TestDatabase PG = TestDatabase.postgres();

    @Test
    void afterTheStartSentinelEveryCommittedChangeArrivesAsItsKey() throws Exception {
        PG.exec("DROP TABLE IF EXISTS it_stream", "CREATE TABLE it_stream (id bigint PRIMARY KEY, v text)");
        PgRunNames names = new PgRunNames(new TableName("public", "it_stream"), "streamtest");
        PgConnector connector = new PgConnector(PG.url(), null, null);
        PgStreamSetup setup = new PgStreamSetup(connector, names);
        Set<List<String>> keys = ConcurrentHashMap.newKeySet();
        Fence fence = new Fence("public", names.fence().name(), Clock.systemUTC());
        try (Connection c = PG.connect()) {
            try (var st = c.createStatement()) {
                st.execute(PgHelperTables.INSTANCE.createFenceTable(names.fence()));
            }
            setup.createPublication(c);
            DebeziumChangeStream stream = new DebeziumChangeStream(setup.connectorProperties(), batch -> {
                for (ChangedKey k : batch) {
                    if (!fence.observe(k) && k.isFor("public", "it_stream")) {
                        keys.add(k.key());
                    }
                }
            }, Clock.systemUTC());
            try {
                stream.start(Duration.ofSeconds(60));
                assertThat(new SentinelWriter(c, PgHelperTables.INSTANCE, names, fence).writeAndAwait(Duration.ofSeconds(60)))
                        .as("the start sentinel comes back").isTrue();
                PG.exec("INSERT INTO it_stream SELECT g, 'v' || g FROM generate_series(1, 200) g",
                        "UPDATE it_stream SET v = 'changed' WHERE id = 7",
                        "UPDATE it_stream SET id = 1000 WHERE id = 8",
                        "DELETE FROM it_stream WHERE id = 9");
                await().atMost(Duration.ofSeconds(30)).until(() -> keys.size() >= 201);
                assertThat(keys).contains(List.of("1"), List.of("200"), List.of("7"), List.of("8"), List.of("1000"), List.of("9"));
                assertThat(keys).hasSize(201);
                assertThat(stream.failure()).isEmpty();
            } finally {
                stream.close();
                setup.dropSlotAndPublication(c);
                PG.exec("DROP TABLE " + "\"" + names.fence().name() + "\"");
            }
        }
        Leaks.assertNone(PG);
    }

    /**
     * With asynchronous commit and a WAL writer that flushes only every 10 s, a sentinel committed
     * asynchronously would not reach the stream for seconds (logical decoding sends only flushed WAL):
     * the checksum's and the swap's writer holds would last that long. The sentinel's own transaction
     * commits synchronously, so it comes back at once.
     */
    @Test
    void theSentinelComesBackAtOnceWhenTheServerCommitsAsynchronously() throws Exception {
        PG.exec("DROP TABLE IF EXISTS it_async", "CREATE TABLE it_async (id bigint PRIMARY KEY)");
        PgRunNames names = new PgRunNames(new TableName("public", "it_async"), "asynctest");
        PgConnector connector = new PgConnector(PG.url(), null, null);
        PgStreamSetup setup = new PgStreamSetup(connector, names);
        Fence fence = new Fence("public", names.fence().name(), Clock.systemUTC());
        try (Connection c = PG.connect()) {
            try (var st = c.createStatement()) {
                st.execute(PgHelperTables.INSTANCE.createFenceTable(names.fence()));
            }
            setup.createPublication(c);
            DebeziumChangeStream stream = new DebeziumChangeStream(setup.connectorProperties(), batch -> {
                for (ChangedKey k : batch) {
                    fence.observe(k);
                }
            }, Clock.systemUTC());
            try {
                stream.start(Duration.ofSeconds(60));
                SentinelWriter sentinel = new SentinelWriter(c, PgHelperTables.INSTANCE, names, fence);
                assertThat(sentinel.writeAndAwait(Duration.ofSeconds(60))).as("the start sentinel comes back").isTrue();
                PG.exec("ALTER SYSTEM SET wal_writer_delay = '10s'", "SELECT pg_reload_conf()");
                try (var st = c.createStatement()) {
                    st.execute("SET synchronous_commit = off");
                }
                for (int i = 0; i < 3; i++) {
                    assertThat(sentinel.writeAndAwait(Duration.ofSeconds(2))).as("sentinel " + i + " back within 2 s").isTrue();
                }
                try (var st = c.createStatement(); var rs = st.executeQuery("SHOW synchronous_commit")) {
                    rs.next();
                    assertThat(rs.getString(1)).as("the session's own setting is left as it was").isEqualTo("off");
                }
            } finally {
                PG.exec("ALTER SYSTEM RESET wal_writer_delay", "SELECT pg_reload_conf()");
                stream.close();
                setup.dropSlotAndPublication(c);
                PG.exec("DROP TABLE \"" + names.fence().name() + "\"", "DROP TABLE it_async");
            }
        }
        Leaks.assertNone(PG);
    }
}
