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
 * committed change is delivered as its key, a key update as both keys, and closing the
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
            DebeziumChangeStream stream = new DebeziumChangeStream(setup.connectorProperties(List.of()), batch -> {
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
     * PostgreSQL only (MariaDB has no replica identity). A table without primary key, keyed by its
     * replica identity index on two columns whose names need quoting, with another unique index whose
     * name sorts first (Debezium's own choice of key for a table without primary key): every change
     * arrives keyed by the identity columns, in the index's order; an update of a key column as the
     * old and the new key; a delete as its key.
     */
    @Test
    void aTableKeyedByItsReplicaIdentityIndexArrivesKeyedByThatIndex() throws Exception {
        PG.exec("DROP TABLE IF EXISTS it_replident",
                "CREATE TABLE it_replident (\"Tenant, id\" text NOT NULL, \"k:1\" int NOT NULL, email text NOT NULL, v text)",
                "CREATE UNIQUE INDEX a_email ON it_replident (email)",
                "CREATE UNIQUE INDEX z_ident ON it_replident (\"k:1\", \"Tenant, id\")",
                "ALTER TABLE it_replident REPLICA IDENTITY USING INDEX z_ident");
        PgRunNames names = new PgRunNames(new TableName("public", "it_replident"), "replidenttest");
        PgConnector connector = new PgConnector(PG.url(), null, null);
        PgStreamSetup setup = new PgStreamSetup(connector, names);
        Set<List<String>> keys = ConcurrentHashMap.newKeySet();
        Fence fence = new Fence("public", names.fence().name(), Clock.systemUTC());
        try (Connection c = PG.connect()) {
            try (var st = c.createStatement()) {
                st.execute(PgHelperTables.INSTANCE.createFenceTable(names.fence()));
            }
            setup.createPublication(c);
            DebeziumChangeStream stream = new DebeziumChangeStream(setup.connectorProperties(List.of("k:1", "Tenant, id")), batch -> {
                for (ChangedKey k : batch) {
                    if (!fence.observe(k) && k.isFor("public", "it_replident")) {
                        keys.add(k.key());
                    }
                }
            }, Clock.systemUTC());
            try {
                stream.start(Duration.ofSeconds(60));
                assertThat(new SentinelWriter(c, PgHelperTables.INSTANCE, names, fence).writeAndAwait(Duration.ofSeconds(60)))
                        .as("the start sentinel comes back").isTrue();
                PG.exec("INSERT INTO it_replident SELECT 'T' || g, g, 'e' || g, 'v' FROM generate_series(1, 5) g",
                        "UPDATE it_replident SET v = 'changed' WHERE \"k:1\" = 1",
                        "UPDATE it_replident SET email = 'moved' WHERE \"k:1\" = 2",
                        "UPDATE it_replident SET \"k:1\" = 30 WHERE \"k:1\" = 3",
                        "DELETE FROM it_replident WHERE \"k:1\" = 4",
                        "INSERT INTO it_replident VALUES ('last', 99, 'last', 'v')");
                await().atMost(Duration.ofSeconds(30)).until(() -> keys.contains(List.of("99", "last")));
                assertThat(keys).containsExactlyInAnyOrder(List.of("1", "T1"), List.of("2", "T2"), List.of("3", "T3"),
                        List.of("30", "T3"), List.of("4", "T4"), List.of("5", "T5"), List.of("99", "last"));
                assertThat(stream.failure()).isEmpty();
            } finally {
                stream.close();
                setup.dropSlotAndPublication(c);
                PG.exec("DROP TABLE \"" + names.fence().name() + "\"", "DROP TABLE it_replident");
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
            DebeziumChangeStream stream = new DebeziumChangeStream(setup.connectorProperties(List.of()), batch -> {
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

    /**
     * A stream that has just started may take up its position after the first sentinels were
     * written; a sentinel that comes back late, after the next ones were written, still proves the
     * stream consistent from its own write on. Here the "stream" delivers the first sentinel only,
     * once three are in the fence table: waiting for each sentinel alone would never see it.
     */
    @Test
    void anEarlierSentinelThatComesBackLateEndsTheStartWait() throws Exception {
        PgRunNames names = new PgRunNames(new TableName("public", "it_late"), "latetest");
        Fence fence = new Fence("public", names.fence().name(), Clock.systemUTC());
        try (Connection c = PG.connect(); Connection reader = PG.connect()) {
            try (var st = c.createStatement()) {
                st.execute(PgHelperTables.INSTANCE.createFenceTable(names.fence()));
            }
            Thread lateStream = new Thread(() -> {
                try (var st = reader.createStatement()) {
                    while (!Thread.currentThread().isInterrupted()) {
                        try (var rs = st.executeQuery("SELECT token, count(*) OVER () FROM \"" + names.fence().name()
                                + "\" ORDER BY written_at LIMIT 1")) {
                            if (rs.next() && rs.getLong(2) >= 3) {
                                fence.observe(new ChangedKey("public", names.fence().name(), List.of(rs.getString(1)), 0, 0));
                                return;
                            }
                        }
                        Thread.sleep(5);
                    }
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            lateStream.start();
            try {
                SentinelWriter sentinel = new SentinelWriter(c, PgHelperTables.INSTANCE, names, fence);
                assertThat(sentinel.writeUntilOneArrives(Duration.ofMillis(50), Duration.ofSeconds(60)))
                        .as("the first sentinel, back after the third was written").isTrue();
                try (var st = c.createStatement(); var rs = st.executeQuery("SELECT count(*) FROM \"" + names.fence().name() + "\"")) {
                    rs.next();
                    assertThat(rs.getLong(1)).as("sentinels written before the first came back").isGreaterThanOrEqualTo(3);
                }
            } finally {
                lateStream.interrupt();
                lateStream.join();
                PG.exec("DROP TABLE \"" + names.fence().name() + "\"");
            }
        }
        Leaks.assertNone(PG);
    }

    /**
     * A run pins its stream's start by creating the slot before the copy; the stream itself starts
     * beside the copy. A change committed after the pin, before the stream started, still comes:
     * Debezium left to itself would take up the server's current position instead.
     */
    @Test
    void aChangeCommittedAfterThePinnedStartButBeforeTheStreamStartsIsDelivered() throws Exception {
        PG.exec("DROP TABLE IF EXISTS it_pin", "CREATE TABLE it_pin (id bigint PRIMARY KEY, v text)",
                "INSERT INTO it_pin VALUES (1, 'a')");
        PgRunNames names = new PgRunNames(new TableName("public", "it_pin"), "pintest");
        PgConnector connector = new PgConnector(PG.url(), null, null);
        PgStreamSetup setup = new PgStreamSetup(connector, names);
        Set<List<String>> keys = ConcurrentHashMap.newKeySet();
        try (Connection c = PG.connect()) {
            try (var st = c.createStatement()) {
                st.execute(PgHelperTables.INSTANCE.createFenceTable(names.fence()));
            }
            setup.createPublication(c);
            String pinned = setup.createSlot(c);
            PG.exec("UPDATE it_pin SET v = 'after the pin' WHERE id = 1", "INSERT INTO it_pin VALUES (2, 'b')");
            java.util.Properties properties = setup.connectorProperties(List.of());
            properties.setProperty("offset.storage", dev.osc.cdc.DurableOffsetStore.class.getName());
            properties.setProperty(dev.osc.cdc.DurableOffsetStore.JOURNAL_PROPERTY, "pintest");
            DebeziumChangeStream stream = new DebeziumChangeStream(properties, batch -> {
                for (ChangedKey k : batch) {
                    if (k.isFor("public", "it_pin")) {
                        keys.add(k.key());
                    }
                }
            }, Clock.systemUTC());
            try (AutoCloseable journal = dev.osc.cdc.DurableOffsetStore.register("pintest", new MemoryOffsetJournal(pinned))) {
                stream.start(Duration.ofSeconds(60));
                await().atMost(Duration.ofSeconds(30)).until(() -> keys.size() >= 2);
                assertThat(keys).containsExactlyInAnyOrder(List.of("1"), List.of("2"));
                assertThat(stream.failure()).isEmpty();
            } finally {
                stream.close();
                setup.dropSlotAndPublication(c);
                PG.exec("DROP TABLE \"" + names.fence().name() + "\"", "DROP TABLE it_pin");
            }
        }
        Leaks.assertNone(PG);
    }
}
