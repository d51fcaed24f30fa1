package dev.osc.engine.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.osc.engine.copy.ApplyOutcome;
import dev.osc.engine.copy.Bound;
import dev.osc.engine.copy.CopyWorkers;
import dev.osc.engine.copy.KeyBatch;
import dev.osc.engine.model.TableInfo;
import dev.osc.engine.model.TableName;
import dev.osc.engine.pg.PgAlterClause;
import dev.osc.engine.pg.PgInspector;
import dev.osc.engine.pg.PgRunNames;
import dev.osc.engine.pg.PgRowRules;
import dev.osc.engine.pg.PgHelperTables;
import dev.osc.engine.shadow.RunState;
import dev.osc.engine.scenario.TestDatabase;
import dev.osc.engine.pg.PgShadowBuilder;
import dev.osc.engine.pg.PgSharedSnapshot;
import dev.osc.engine.pg.PgStatements;
import dev.osc.engine.pg.PgTablePair;
import dev.osc.engine.pg.ShadowReading;
import dev.osc.engine.rows.ChunkChecksum;
import dev.osc.engine.rows.RowApplier;
import dev.osc.engine.rows.RowCopier;
import dev.osc.engine.rows.ShadowRangeNotEmptyException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The PostgreSQL statements behind invariants 4, 6, 7 and 8, each driven into the situation it
 * guards against on a real server.
 */
class InvariantsIT {
    private static final TestDatabase PG = TestDatabase.postgres();
    private final List<Connection> open = new ArrayList<>();
    private PgRunNames names;

    @AfterEach
    void dropRunTables() throws Exception {
        for (Connection c : open) {
            c.close();
        }
        if (names != null) {
            PG.exec("DROP TABLE IF EXISTS \"" + names.shadow().name() + "\", \"" + names.state().name() + "\"");
        }
    }

    private Connection connect() throws Exception {
        Connection c = PG.connect();
        open.add(c);
        return c;
    }

    /** A source with a unique column, its shadow (ALTER applied) and the statements over both. */
    private PgStatements setUp(String table, String alter) throws Exception {
        PG.exec("DROP TABLE IF EXISTS " + table,
                "CREATE TABLE " + table + " (id bigint PRIMARY KEY, email text NOT NULL UNIQUE, v int)",
                "INSERT INTO " + table + " SELECT g, 'e' || g, g FROM generate_series(1, 1000) g");
        names = new PgRunNames(new TableName("public", table), "test");
        try (Connection c = PG.connect()) {
            PgInspector inspector = new PgInspector(c);
            TableInfo info = inspector.inspect(names.source());
            c.setAutoCommit(false);
            ShadowReading shadow = new PgShadowBuilder(c).build(info.name(), info.indexes(), names.shadow(), PgAlterClause.parse(alter));
            new RunState(PgHelperTables.INSTANCE, names).create(c, "test", null);
            c.commit();
            return new PgStatements(PgTablePair.of(info, shadow, inspector.indexes(shadow.oid())));
        }
    }

    /** The copier the run uses, on its own connection, checkpointing into the run's state row. */
    private RowCopier copier(PgStatements statements) throws Exception {
        return new RowCopier(connect(), PgRowRules.dialect(statements), new RunState(PgHelperTables.INSTANCE, names)::checkpoint,
                PgRowRules.dialect(statements).retries("test"));
    }

    private RowApplier applier(PgStatements statements) throws Exception {
        return RowApplier.committing(connect(), PgRowRules.dialect(statements), PgRowRules.dialect(statements).retries("test"));
    }

    private static long count(String sql) throws Exception {
        return PG.number(sql);
    }

    @Test
    void invariant4TheWatermarkIsCheckpointedInTheChunksOwnTransaction() throws Exception {
        PgStatements statements = setUp("inv_checkpoint", "ALTER COLUMN v TYPE bigint");
        RowCopier copier = copier(statements);
        copier.copy(Bound.none(), Bound.upTo(List.of("100")));
        assertThat(count("SELECT count(*) FROM \"" + names.shadow().name() + "\"")).isEqualTo(100);
        assertThat(PG.strings("SELECT watermark::text FROM \"" + names.state().name() + "\"")).containsExactly("[\"100\"]");
        // with the state row gone the checkpoint fails: the chunk's rows must not stay without it
        PG.exec("DELETE FROM \"" + names.state().name() + "\"");
        assertThatThrownBy(() -> copier.copy(Bound.upTo(List.of("100")), Bound.upTo(List.of("200"))))
                .hasMessageContaining("state row");
        assertThat(count("SELECT count(*) FROM \"" + names.shadow().name() + "\"")).isEqualTo(100);
    }

    /**
     * A chunk of the copy loop is a plain insert (no ON CONFLICT): the shadow holds no row above
     * the committed watermark. Should it hold one, the copy stops loudly, naming the chunk, and
     * neither skips nor overwrites the row; the error is not taken for the data's. Copy workers
     * staging chunks in open transactions stop the same way. A recopy (range deleted first) works.
     */
    @Test
    void aFirstPassChunkIntoARangeTheShadowAlreadyHoldsStopsLoudly() throws Exception {
        PgStatements statements = setUp("inv_first_pass", "ALTER COLUMN v TYPE bigint");
        RowCopier copier = copier(statements);
        copier.copy(Bound.none(), Bound.upTo(List.of("100")));
        String shadow = "\"" + names.shadow().name() + "\"";
        PG.exec("INSERT INTO " + shadow + " (id, email, v) VALUES (150, 'stray', -1)");
        assertThatThrownBy(() -> copier.copy(Bound.upTo(List.of("100")), Bound.upTo(List.of("200"))))
                .isInstanceOf(ShadowRangeNotEmptyException.class)
                .hasMessageContaining("of keys above [100] up to [200] is copied for the first time")
                .hasNoCause();
        assertThat(count("SELECT count(*) FROM " + shadow)).isEqualTo(101);
        assertThat(count("SELECT v FROM " + shadow + " WHERE id = 150")).isEqualTo(-1);
        assertThat(PG.strings("SELECT watermark::text FROM \"" + names.state().name() + "\"")).containsExactly("[\"100\"]");

        try (CopyWorkers workers = new CopyWorkers(List.of(copier, copier(statements)))) {
            assertThatThrownBy(() -> workers.copy(List.of(Bound.upTo(List.of("100")), Bound.upTo(List.of("200")), Bound.all())))
                    .isInstanceOf(ShadowRangeNotEmptyException.class);
        }
        assertThat(count("SELECT count(*) FROM " + shadow + " WHERE id > 200")).isZero();

        copier.recopy(Bound.upTo(List.of("100")), Bound.upTo(List.of("200")));
        assertThat(count("SELECT count(*) FROM " + shadow)).isEqualTo(200);
        assertThat(count("SELECT v FROM " + shadow + " WHERE id = 150")).isEqualTo(150);
    }

    @Test
    void invariant6AMismatchingChunkIsFoundAndCopiedAgain() throws Exception {
        PgStatements statements = setUp("inv_checksum", "ALTER COLUMN v TYPE bigint");
        RowCopier copier = copier(statements);
        copier.copy(Bound.none(), Bound.all());
        ChunkChecksum checksum = new ChunkChecksum(PgRowRules.dialect(statements), statements.checksum(false), 300);
        try (Connection snapshot = connect(); Connection shadowSide = connect()) {
            assertThat(checksum.compare(List.of(snapshot, shadowSide)).matches()).isTrue();
            PG.exec("UPDATE \"" + names.shadow().name() + "\" SET v = -1 WHERE id = 450");
            dev.osc.engine.copy.Checksum.Result result = checksum.compare(List.of(snapshot, shadowSide));
            assertThat(result.mismatches()).hasSize(1);
            dev.osc.engine.copy.Checksum.Mismatch m = result.mismatches().get(0);
            assertThat(m.lower().key()).containsExactly("300");
            assertThat(m.upper().key()).containsExactly("600");
            copier.recopy(m.lower(), m.upper());
            assertThat(checksum.compare(List.of(snapshot, snapshot)).matches()).as("one connection for both sides").isTrue();
            assertThat(count("SELECT v FROM \"" + names.shadow().name() + "\" WHERE id = 450")).isEqualTo(450);
        }
    }

    /**
     * Invariant 6 with checksum workers: every worker reads the snapshot the first exported, so a
     * write committed after it is seen by none of them, in any chunk (a worker that opened a
     * snapshot of its own would see it, and its chunks would differ).
     */
    @Test
    void invariant6EveryChecksumWorkerReadsTheOneSharedSnapshot() throws Exception {
        PgStatements statements = setUp("inv_shared_snapshot", "ALTER COLUMN v TYPE bigint");
        copier(statements).copy(Bound.none(), Bound.all());
        ChunkChecksum checksum = new ChunkChecksum(PgRowRules.dialect(statements), statements.checksum(false), 100);
        List<Connection> workers = List.of(connect(), connect(), connect());
        PgSharedSnapshot.open(workers);
        PG.exec("UPDATE inv_shared_snapshot SET v = -v");
        for (Connection worker : workers) {
            try (Statement st = worker.createStatement();
                 ResultSet rs = st.executeQuery("SELECT count(*) FROM inv_shared_snapshot WHERE v < 0")) {
                rs.next();
                assertThat(rs.getLong(1)).as("a write after the shared snapshot").isZero();
            }
        }
        dev.osc.engine.copy.Checksum.Result inSnapshot = checksum.compare(workers);
        assertThat(inSnapshot.chunks()).as("10 of 100 rows, and the open one above them").isEqualTo(11);
        assertThat(inSnapshot.rows()).isEqualTo(1000);
        assertThat(inSnapshot.matches()).isTrue();
        for (Connection worker : workers) {
            worker.commit();
        }
        // once the snapshot is closed the write shows, in every chunk, in key order
        List<dev.osc.engine.copy.Checksum.Mismatch> after = checksum.compare(workers).mismatches();
        assertThat(after).hasSize(10);
        assertThat(after.get(0).lower().isNone()).isTrue();
        assertThat(after.get(9).upper().key()).containsExactly("1000");
    }

    @Test
    void invariant7AChangeIsAppliedOnlyOnceItsTransactionIsVisible() throws Exception {
        PgStatements statements = setUp("inv_visible", "ALTER COLUMN v TYPE bigint");
        copier(statements).copy(Bound.none(), Bound.all());
        RowApplier applier = applier(statements);
        try (Connection writer = PG.connect(); Statement st = writer.createStatement()) {
            writer.setAutoCommit(false);
            st.execute("UPDATE inv_visible SET v = 7777 WHERE id = 5");
            long xid;
            try (ResultSet rs = st.executeQuery("SELECT pg_current_xact_id()::text::bigint & 4294967295")) {
                rs.next();
                xid = rs.getLong(1);
            }
            // the stream may report this transaction before other sessions can see it
            ApplyOutcome early = applier.apply(new KeyBatch(List.of(List.of("5")), List.of(xid)), Bound.all());
            assertThat(early.visible()).isFalse();
            writer.commit();
            ApplyOutcome late = applier.apply(new KeyBatch(List.of(List.of("5")), List.of(xid)), Bound.all());
            assertThat(late.visible()).isTrue();
        }
        assertThat(count("SELECT v FROM \"" + names.shadow().name() + "\" WHERE id = 5")).isEqualTo(7777);
    }

    @Test
    void invariant3KeysAboveTheCommittedWatermarkAreNotInsertedEarly() throws Exception {
        PgStatements statements = setUp("inv_watermark", "ALTER COLUMN v TYPE bigint");
        copier(statements).copy(Bound.none(), Bound.upTo(List.of("10")));
        RowApplier applier = applier(statements);
        ApplyOutcome outcome = applier.apply(new KeyBatch(List.of(List.of("5"), List.of("500")), List.of(0L, 0L)), Bound.upTo(List.of("10")));
        assertThat(outcome.rowsWritten()).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM \"" + names.shadow().name() + "\" WHERE id = 500")).isZero();
    }

    @Test
    void invariant8AConflictOnAnotherUniqueKeyRemovesTheStaleRowAndNeverDropsTheNewOne() throws Exception {
        PgStatements statements = setUp("inv_unique", "ALTER COLUMN v TYPE bigint");
        copier(statements).copy(Bound.none(), Bound.all());
        // the application swaps two unique values; only key 2's change has reached the applier so far
        PG.exec("BEGIN", "UPDATE inv_unique SET email = 'tmp' WHERE id = 1", "UPDATE inv_unique SET email = 'e1' WHERE id = 2",
                "UPDATE inv_unique SET email = 'e2' WHERE id = 1", "COMMIT");
        RowApplier applier = applier(statements);
        ApplyOutcome outcome = applier.apply(new KeyBatch(List.of(List.of("2")), List.of(0L)), Bound.all());
        assertThat(outcome.staleKeys()).containsExactly(List.of("1"));
        assertThat(PG.strings("SELECT email FROM \"" + names.shadow().name() + "\" WHERE id = 2")).containsExactly("e1");
        // key 1 comes back dirty and is re-read: both rows right, nothing lost
        applier.apply(new KeyBatch(outcome.staleKeys(), List.of(0L)), Bound.all());
        assertThat(PG.strings("SELECT email FROM \"" + names.shadow().name() + "\" WHERE id IN (1, 2) ORDER BY id"))
                .containsExactly("e2", "e1");
        assertThat(count("SELECT count(*) FROM \"" + names.shadow().name() + "\"")).isEqualTo(1000);
    }

    @Test
    void aTextKeyRangeFollowsTheColumnsCollation() throws Exception {
        PG.exec("DROP TABLE IF EXISTS inv_text", "CREATE TABLE inv_text (k text PRIMARY KEY, v int)",
                "INSERT INTO inv_text SELECT 'key-' || g, g FROM generate_series(1, 500) g",
                "INSERT INTO inv_text VALUES ('Zebra', 1), ('apple', 2), ('Äpfel', 3), ('ápple', 4)");
        names = new PgRunNames(new TableName("public", "inv_text"), "test");
        PgStatements statements;
        try (Connection c = PG.connect()) {
            PgInspector inspector = new PgInspector(c);
            TableInfo info = inspector.inspect(names.source());
            c.setAutoCommit(false);
            ShadowReading shadow = new PgShadowBuilder(c).build(info.name(), info.indexes(), names.shadow(), PgAlterClause.parse("ADD COLUMN w int"));
            new RunState(PgHelperTables.INSTANCE, names).create(c, "test", null);
            c.commit();
            statements = new PgStatements(PgTablePair.of(info, shadow, inspector.indexes(shadow.oid())));
        }
        RowCopier copier = copier(statements);
        Bound lower = Bound.none();
        while (!lower.isAll()) {
            Optional<List<String>> next = copier.upperBound(lower, 37);
            Bound upper = next.map(Bound::upTo).orElse(Bound.all());
            copier.copy(lower, upper);
            lower = upper;
        }
        assertThat(count("SELECT count(*) FROM \"" + names.shadow().name() + "\"")).isEqualTo(504);
        assertThat(count("SELECT count(*) FROM (SELECT k, v FROM inv_text EXCEPT SELECT k, v FROM \"" + names.shadow().name() + "\") x")).isZero();
    }
}
