package dev.osc.engine.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.osc.engine.copy.ApplyOutcome;
import dev.osc.engine.copy.Bound;
import dev.osc.engine.copy.Checksum;
import dev.osc.engine.copy.KeyBatch;
import dev.osc.engine.model.TableInfo;
import dev.osc.engine.mysql.MyAlterClause;
import dev.osc.engine.mysql.MyConsistentSnapshots;
import dev.osc.engine.mysql.MyInspector;
import dev.osc.engine.mysql.MyRowRules;
import dev.osc.engine.mysql.MyRunNames;
import dev.osc.engine.mysql.MyHelperTables;
import dev.osc.engine.shadow.RunState;
import dev.osc.engine.scenario.TestDatabase;
import dev.osc.engine.mysql.MyShadowBuilder;
import dev.osc.engine.mysql.MyShadowReading;
import dev.osc.engine.mysql.MyStatements;
import dev.osc.engine.mysql.MyTablePair;
import dev.osc.engine.rows.ChunkChecksum;
import dev.osc.engine.rows.RowApplier;
import dev.osc.engine.rows.RowCopier;
import dev.osc.engine.rows.ShadowRangeNotEmptyException;
import dev.osc.engine.rows.RowDialect;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The row mechanisms on MariaDB, each driven into the situation it guards against: a unique
 * conflict (invariant 8), the locking read that waits for a writer (invariant 7, a lost lock
 * wait retried), a mismatching checksum chunk (invariant 6), the watermark in the chunk's own
 * transaction (invariant 4) and keys above it left for the copy (invariant 3).
 */
class MariaInvariantsIT {
    private static final TestDatabase MARIA = TestDatabase.mariadb();

    private final List<Connection> open = new ArrayList<>();
    private MyRunNames names;
    private RowDialect rows;

    @AfterEach
    void dropRunTables() throws Exception {
        for (Connection c : open) {
            c.close();
        }
        if (names != null) {
            MARIA.exec("DROP TABLE IF EXISTS `" + names.shadow().name() + "`, `" + names.state().name() + "`");
        }
    }

    private Connection connect() throws Exception {
        Connection c = MARIA.connect();
        open.add(c);
        return c;
    }

    /** A source with a unique column, its shadow (ALTER applied), copied in full. */
    private RowCopier setUp(String table) throws Exception {
        RowCopier copier = setUpEmpty(table);
        copier.copy(Bound.none(), Bound.all());
        return copier;
    }

    /** The same with nothing copied yet. */
    private RowCopier setUpEmpty(String table) throws Exception {
        MARIA.exec("DROP TABLE IF EXISTS " + table,
                "CREATE TABLE " + table + " (id BIGINT PRIMARY KEY, email VARCHAR(40) NOT NULL UNIQUE, v INT) ENGINE=InnoDB",
                "INSERT INTO " + table + " SELECT seq, CONCAT('e', seq), seq FROM seq_1_to_1000");
        try (Connection c = MARIA.connect()) {
            MyInspector inspector = new MyInspector(c);
            TableInfo info = inspector.inspect(inspector.resolve(table, c.getCatalog()));
            names = new MyRunNames(info.name(), "test");
            new RunState(MyHelperTables.INSTANCE, names).create(c, "test", null);
            MyShadowReading shadow = new MyShadowBuilder(c).build(info.name(), names.shadow(), MyAlterClause.parse("MODIFY v BIGINT"));
            rows = MyRowRules.dialect(new MyStatements(MyTablePair.of(info, shadow, inspector.indexes(names.shadow()))));
        }
        return new RowCopier(connect(), rows, new RunState(MyHelperTables.INSTANCE, names)::checkpoint, rows.retries("test"));
    }

    private RowApplier applier() throws Exception {
        return RowApplier.committing(connect(), rows, rows.retries("test"));
    }

    private String shadow() {
        return "`" + names.shadow().name() + "`";
    }

    @Test
    void invariant8AConflictOnAnotherUniqueKeyRemovesTheStaleRowAndNeverDropsTheNewOne() throws Exception {
        setUp("minv_unique");
        // the application swaps two unique values; only key 2's change has reached the applier so far
        MARIA.exec("START TRANSACTION", "UPDATE minv_unique SET email = 'tmp' WHERE id = 1",
                "UPDATE minv_unique SET email = 'e1' WHERE id = 2", "UPDATE minv_unique SET email = 'e2' WHERE id = 1", "COMMIT");
        RowApplier applier = applier();
        ApplyOutcome outcome = applier.apply(new KeyBatch(List.of(List.of("2")), List.of(0L)), Bound.all());
        assertThat(outcome.staleKeys()).containsExactly(List.of("1"));
        assertThat(MARIA.strings("SELECT email FROM " + shadow() + " WHERE id = 2")).containsExactly("e1");
        // key 1 comes back dirty and is re-read: both rows right, nothing lost
        applier.apply(new KeyBatch(outcome.staleKeys(), List.of(0L)), Bound.all());
        assertThat(MARIA.strings("SELECT email FROM " + shadow() + " WHERE id IN (1, 2) ORDER BY id"))
                .containsExactly("e2", "e1");
        assertThat(MARIA.number("SELECT COUNT(*) FROM " + shadow())).isEqualTo(1000);
    }

    @Test
    void invariant4TheWatermarkIsCheckpointedInTheChunksOwnTransaction() throws Exception {
        RowCopier copier = setUpEmpty("minv_checkpoint");
        copier.copy(Bound.none(), Bound.upTo(List.of("100")));
        assertThat(MARIA.number("SELECT COUNT(*) FROM " + shadow())).isEqualTo(100);
        assertThat(MARIA.strings("SELECT JSON_EXTRACT(watermark, '$[0]') FROM `" + names.state().name() + "`"))
                .containsExactly("\"100\"");
        // with the state row gone the checkpoint fails: the chunk's rows must not stay without it
        MARIA.exec("DELETE FROM `" + names.state().name() + "`");
        assertThatThrownBy(() -> copier.copy(Bound.upTo(List.of("100")), Bound.upTo(List.of("200"))))
                .hasMessageContaining("state row");
        assertThat(MARIA.number("SELECT COUNT(*) FROM " + shadow())).isEqualTo(100);
    }

    /** A shadow row above the committed watermark stops the copy loudly, as on PostgreSQL, not as the data's duplicate. */
    @Test
    void aFirstPassChunkIntoARangeTheShadowAlreadyHoldsStopsLoudly() throws Exception {
        RowCopier copier = setUpEmpty("minv_first_pass");
        copier.copy(Bound.none(), Bound.upTo(List.of("100")));
        MARIA.exec("INSERT INTO " + shadow() + " (id, email, v) VALUES (150, 'stray', -1)");
        assertThatThrownBy(() -> copier.copy(Bound.upTo(List.of("100")), Bound.upTo(List.of("200"))))
                .isInstanceOf(ShadowRangeNotEmptyException.class)
                .hasMessageContaining("of keys above [100] up to [200] is copied for the first time")
                .hasNoCause();
        assertThat(MARIA.number("SELECT COUNT(*) FROM " + shadow())).isEqualTo(101);
        copier.recopy(Bound.upTo(List.of("100")), Bound.upTo(List.of("200")));
        assertThat(MARIA.number("SELECT COUNT(*) FROM " + shadow())).isEqualTo(200);
    }

    @Test
    void invariant3KeysAboveTheCommittedWatermarkAreNotInsertedEarly() throws Exception {
        setUpEmpty("minv_watermark").copy(Bound.none(), Bound.upTo(List.of("10")));
        ApplyOutcome outcome = applier().apply(new KeyBatch(List.of(List.of("5"), List.of("500")), List.of(0L, 0L)),
                Bound.upTo(List.of("10")));
        assertThat(outcome.rowsWritten()).isEqualTo(1);
        assertThat(MARIA.number("SELECT COUNT(*) FROM " + shadow() + " WHERE id = 500")).isZero();
        assertThat(MARIA.number("SELECT COUNT(*) FROM " + shadow())).isEqualTo(10);
    }

    /**
     * Invariant 7 on MariaDB: the applier re-reads with a locking read, which waits for a writer
     * still committing instead of reading the row as it was; a lock wait it loses to the
     * application (1205) is rolled back and retried, never turned into an error for anyone.
     */
    @Test
    void invariant7TheLockingReadWaitsForAWriterStillCommittingAndRetriesTheLockWait() throws Exception {
        setUp("minv_retry");
        RowApplier applier = applier();
        try (Connection writer = MARIA.connect(); Statement st = writer.createStatement()) {
            writer.setAutoCommit(false);
            st.execute("UPDATE minv_retry SET v = 7777 WHERE id = 5");
            // the applier's locking read waits for the writer, gives up after 2 s (1205) and tries again
            CompletableFuture<ApplyOutcome> apply = CompletableFuture.supplyAsync(() -> {
                try {
                    return applier.apply(new KeyBatch(List.of(List.of("5")), List.of(0L)), Bound.all());
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            Thread.sleep(3_000);
            assertThat(apply).as("still waiting for the writer").isNotDone();
            writer.commit();
            assertThat(apply.get(30, TimeUnit.SECONDS).rowsWritten()).isEqualTo(1);
        }
        assertThat(MARIA.number("SELECT v FROM " + shadow() + " WHERE id = 5")).isEqualTo(7777);
    }

    @Test
    void invariant6AMismatchingChunkIsFoundAndCopiedAgain() throws Exception {
        RowCopier copier = setUp("minv_checksum");
        ChunkChecksum checksum = new ChunkChecksum(rows, (MyStatements) rows.statements(), 300);
        try (Connection snapshot = connect(); Connection shadowSide = connect()) {
            assertThat(checksum.compare(List.of(snapshot, shadowSide)).matches()).isTrue();
            MARIA.exec("UPDATE " + shadow() + " SET v = -1 WHERE id = 450");
            Checksum.Result result = checksum.compare(List.of(snapshot, shadowSide));
            assertThat(result.mismatches()).hasSize(1);
            Checksum.Mismatch m = result.mismatches().get(0);
            assertThat(m.lower().key()).containsExactly("300");
            assertThat(m.upper().key()).containsExactly("600");
            assertThat(copier.recopy(m.lower(), m.upper()).rows()).isEqualTo(300);
            assertThat(checksum.compare(List.of(snapshot, snapshot)).matches()).as("one connection for both sides").isTrue();
        }
        assertThat(MARIA.number("SELECT v FROM " + shadow() + " WHERE id = 450")).isEqualTo(450);
    }

    /**
     * Invariant 6 with checksum workers: each opens its consistent snapshot at once (all while the
     * run holds writers), so a write committed afterwards is seen by none of them (a worker that
     * began its transaction without one would take its read view at its first read, and see it).
     */
    @Test
    void invariant6EveryChecksumWorkerReadsItsSnapshotOpenedAtOnce() throws Exception {
        setUp("minv_snapshots");
        ChunkChecksum checksum = new ChunkChecksum(rows, (MyStatements) rows.statements(), 100);
        List<Connection> workers = List.of(connect(), connect(), connect());
        MyConsistentSnapshots.open(workers);
        MARIA.exec("UPDATE minv_snapshots SET v = -v");
        for (Connection worker : workers) {
            try (Statement st = worker.createStatement();
                 java.sql.ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM minv_snapshots WHERE v < 0")) {
                rs.next();
                assertThat(rs.getLong(1)).as("a write after the snapshots").isZero();
            }
        }
        Checksum.Result inSnapshot = checksum.compare(workers);
        assertThat(inSnapshot.chunks()).as("10 of 100 rows, and the open one above them").isEqualTo(11);
        assertThat(inSnapshot.matches()).isTrue();
        for (Connection worker : workers) {
            worker.commit();
        }
        assertThat(checksum.compare(workers).mismatches()).hasSize(10);
    }
}
