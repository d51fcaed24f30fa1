package dev.osc.engine.pg;

import static dev.osc.engine.pg.PgIdentifiers.quote;

import dev.osc.engine.copy.Checksum;
import dev.osc.engine.copy.KeyApplier;
import dev.osc.engine.model.TableInfo;
import dev.osc.engine.model.TableName;
import dev.osc.engine.rows.ChunkChecksum;
import dev.osc.engine.rows.RowApplier;
import dev.osc.engine.rows.RowDialect;
import dev.osc.engine.run.RunResult;
import dev.osc.engine.run.RunSettings;
import dev.osc.engine.shadow.AdoptedShadow;
import dev.osc.engine.shadow.DeferredIndexes;
import dev.osc.engine.shadow.HelperTableSql;
import dev.osc.engine.shadow.LoadProbe;
import dev.osc.engine.shadow.RunNames;
import dev.osc.engine.shadow.RunState;
import dev.osc.engine.shadow.ShadowDialect;
import dev.osc.engine.shadow.WriterHold;
import dev.osc.cdc.StreamPosition;
import dev.osc.engine.shadow.Replicas;
import dev.osc.throttling.Probe;
import dev.osc.throttling.ReplicaLagSource;
import dev.osc.throttling.StreamWatch;
import java.io.PrintStream;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.time.Clock;
import java.util.Properties;
import java.util.function.Supplier;

/**
 * The shadow path's PostgreSQL statements: shadow built with {@code LIKE ... INCLUDING ALL} and
 * the ALTER, a publication for source and fence, the applier's visibility check, the checksum
 * hold under an EXCLUSIVE lock, and the rename swap under ACCESS EXCLUSIVE.
 */
public final class PgShadowDialect implements ShadowDialect {
    private final PgConnector connector;
    private final RunSettings settings;
    private final TableInfo table;
    private final PgAlterClause clause;
    private final PgRunNames names;
    private final RunState state;
    private final PrintStream log;
    private final Replicas replicas;
    private ShadowReading shadow;
    private PgStatements statements;
    private RowDialect rows;
    private PgDeferredIndexes indexes;
    private PgSwap swap;
    private List<String> notValidChecks = List.of();

    public PgShadowDialect(PgConnector connector, RunSettings settings, TableInfo table, PgAlterClause clause,
                           String runId, PrintStream log) {
        this.connector = connector;
        this.settings = settings;
        this.table = table;
        this.clause = clause;
        this.names = new PgRunNames(table.name(), runId);
        this.state = new RunState(PgHelperTables.INSTANCE, names);
        this.log = log;
        this.replicas = new Replicas(settings.signals().replicas(), url -> new PgConnector(url, settings.user(), settings.password()),
                "osc replica lag " + runId, PgStandbyReplay::read);
    }

    @Override
    public List<String> sourceDefinition(Connection c) throws SQLException {
        return new PgInspector(c).definition(table.oid());
    }

    @Override
    public RunNames names() {
        return names;
    }

    @Override
    public HelperTableSql helperTables() {
        return PgHelperTables.INSTANCE;
    }

    @Override
    public RowDialect rows() {
        return rows;
    }

    @Override
    public DeferredIndexes indexes() {
        return indexes;
    }

    @Override
    public LoadProbe loadProbe(Connection c) {
        return new PgLoadProbe(c);
    }

    /** The named standbys, else every standby the primary streams to. */
    @Override
    public List<ReplicaLagSource> replicaLag(Connection primary, Clock clock) {
        return replicas.isEmpty() ? List.of(new PgStandbys(primary, clock, connector.toString())) : replicas.sources();
    }

    @Override
    public Probe retainedWalMb(Connection c) {
        return new PgRetainedWal(c, names.slot());
    }

    @Override
    public StreamWatch streamRetention(Connection c, Supplier<StreamPosition> acknowledged) {
        return new PgSlotRetention(c, names.slot());
    }

    @Override
    public Connection open(String role) throws SQLException {
        return connector.open(role);
    }

    @Override
    public void prepare(Connection writer) throws SQLException {
        writer.setAutoCommit(false);
        try {
            state.create(writer, settings.toString(), settings.alter());
            try (Statement st = writer.createStatement()) {
                st.execute(PgHelperTables.INSTANCE.createFenceTable(names.fence()));
            }
            buildShadow(writer);
            writer.commit();
        } catch (SQLException | RuntimeException e) {
            writer.rollback();
            throw e;
        } finally {
            writer.setAutoCommit(true);
        }
        swap = new PgSwap(names, shadow.mapping(), shadow.indexNames(), shadow.autovacuumRestore(), notValidChecks,
                shadow.droppedForeignKeys()).promotingKey(indexes.keyPromotion());
    }

    /** The shadow with the ALTER applied, its NOT VALID checks and its indexes taken off, in the caller's transaction. */
    private void buildShadow(Connection writer) throws SQLException {
        shadow = new PgShadowBuilder(writer).build(table.name(), table.indexes(), names.shadow(), clause);
        notValidChecks = PgNotValidChecks.takeOff(writer, table.oid(), shadow.oid(), names.shadow(), clause.text());
        statements = new PgStatements(PgTablePair.of(table, shadow, new PgInspector(writer).indexes(shadow.oid())));
        rows = PgRowRules.dialect(statements);
        // the run works by the primary key: the copy goes into a bare heap, and the key is built before any change is applied
        indexes = PgDeferredIndexes.takeOff(writer, names.shadow(), shadow.oid(), "primary key".equals(table.keySource()));
    }

    /**
     * Learns what {@link #prepare} knew by building the shadow again exactly as it did, in a
     * transaction rolled back at once: the run's shadow and the relations named after it (its
     * indexes, its identity sequences) are renamed out of the way first, so the new build gets the
     * names the first one got. The shadow itself is left as the crashed run left it; of the
     * deferred indexes, those the crashed run had built already are not built again.
     */
    @Override
    public boolean shadowExists(Connection c) throws SQLException {
        return exists(c, names.shadow());
    }

    private static boolean exists(Connection c, TableName table) throws SQLException {
        return new PgInspector(c).strings("SELECT to_regclass(?)::text", quote(table)).stream().anyMatch(java.util.Objects::nonNull);
    }

    @Override
    public String adopt(Connection writer) throws SQLException {
        if (!shadowExists(writer)) {
            return "its shadow " + names.shadow() + " is gone";
        }
        writer.setAutoCommit(false);
        try {
            long existing = new PgInspector(writer).oid(names.shadow());
            try (Statement st = writer.createStatement()) {
                st.execute("SET LOCAL lock_timeout = '5s'");
                int n = 0;
                for (Owned owned : ownedRelations(writer, existing)) {
                    st.execute("ALTER " + owned.kind() + " " + quote(new TableName(names.shadow().schema(), owned.name()))
                            + " RENAME TO " + quote("_osc_adopt_" + (n++)));
                }
                st.execute("ALTER TABLE " + quote(names.shadow()) + " RENAME TO " + quote("_osc_adopt_table"));
            }
            buildShadow(writer);
        } finally {
            writer.rollback();
            writer.setAutoCommit(true);
        }
        long oid = new PgInspector(writer).oid(names.shadow());
        String mismatch = AdoptedShadow.mismatch(shadow.columnsAfter(), new PgInspector(writer).columns(oid));
        if (mismatch != null) {
            return mismatch;
        }
        shadow = new ShadowReading(shadow.table(), oid, shadow.mapping(), shadow.columnsAfter(), shadow.keyAfter(), shadow.indexNames(),
                shadow.rewriteReasons(), shadow.autovacuumRestore(), shadow.droppedForeignKeys());
        indexes = indexes.missingOn(writer, oid);
        swap = new PgSwap(names, shadow.mapping(), shadow.indexNames(), shadow.autovacuumRestore(), notValidChecks,
                shadow.droppedForeignKeys()).promotingKey(indexes.keyPromotion());
        return null;
    }

    /** The slot must still be there and still hold the WAL from its confirmed position on. */
    @Override
    public String streamPositionGone(Connection c, String offsets) throws SQLException {
        List<String> status = new PgInspector(c).strings(
                "SELECT coalesce(wal_status, 'reserved') FROM pg_replication_slots WHERE slot_name = ?", names.slot());
        if (status.isEmpty()) {
            return "its replication slot " + names.slot() + " is gone";
        }
        if ("lost".equals(status.get(0))) {
            return "its replication slot " + names.slot() + " lost the WAL it needed (max_slot_wal_keep_size)";
        }
        return null;
    }

    /** A relation named after the shadow: an {@code INDEX} or {@code SEQUENCE}. */
    private record Owned(String kind, String name) {
    }

    /** The indexes and identity/serial sequences that belong to table {@code oid}. */
    private static List<Owned> ownedRelations(Connection c, long oid) throws SQLException {
        List<Owned> out = new java.util.ArrayList<>();
        try (java.sql.PreparedStatement ps = c.prepareStatement(
                "SELECT 'INDEX', ic.relname FROM pg_index i JOIN pg_class ic ON ic.oid = i.indexrelid WHERE i.indrelid = ? "
                        + "UNION ALL SELECT 'SEQUENCE', s.relname FROM pg_depend d JOIN pg_class s ON s.oid = d.objid AND s.relkind = 'S' "
                        + "WHERE d.refobjid = ? AND d.classid = 'pg_class'::regclass AND d.deptype IN ('a', 'i') ORDER BY 1, 2")) {
            ps.setLong(1, oid);
            ps.setLong(2, oid);
            try (java.sql.ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Owned(rs.getString(1), rs.getString(2)));
                }
            }
        }
        return out;
    }

    @Override
    public void startCapture(Connection c) throws SQLException {
        new PgStreamSetup(connector, names).createPublication(c);
    }

    @Override
    public boolean pinStreamStart(Connection c) throws SQLException {
        state.saveOffsets(c, new PgStreamSetup(connector, names).createSlot(c));
        return true;
    }

    @Override
    public Properties streamProperties() {
        boolean primary = "primary key".equals(table.keySource());
        return new PgStreamSetup(connector, names).connectorProperties(primary ? List.of() : table.keyColumns());
    }

    @Override
    public void analyze(Connection c) throws SQLException {
        committed(c, writer -> {
            try (Statement st = writer.createStatement()) {
                st.execute("ANALYZE " + quote(names.shadow()));
            }
        });
    }

    @Override
    public Checksum checksum(Connection c) throws SQLException {
        return new ChunkChecksum(rows, statements.checksum(recordHashWorks(c)), 50_000);
    }

    /**
     * Whether the types' own hash functions cover every copied column (about twice as fast as
     * hashing the text form). Run outside the snapshot transaction (a failed probe is rolled back).
     */
    private boolean recordHashWorks(Connection c) throws SQLException {
        boolean autoCommit = c.getAutoCommit();
        c.setAutoCommit(false);
        try (Statement st = c.createStatement()) {
            st.executeQuery(statements.recordHashProbe()).close();
            return true;
        } catch (SQLException e) {
            return false;
        } finally {
            c.rollback();
            c.setAutoCommit(autoCommit);
        }
    }

    /** EXCLUSIVE keeps writers out but lets the run's applier read the source; the snapshot is exported to every worker. */
    @Override
    public WriterHold checksumHold(Connection lock, KeyApplier committingApplier, List<Connection> snapshots) {
        return new PgWriterHold(lock, names, "EXCLUSIVE", settings.lockTimeout(), committingApplier, true,
                holder -> PgSharedSnapshot.open(snapshots), false);
    }

    /** ACCESS EXCLUSIVE: only the lock connection can read the source, so the final apply runs on it. */
    @Override
    public WriterHold swapHold(Connection lock, Connection second) throws SQLException {
        if (settings.control().revertWindow() != null) {
            swap.keepingStream();
        }
        return new PgWriterHold(lock, names, "ACCESS EXCLUSIVE", settings.lockTimeout(),
                RowApplier.inTransaction(lock, rows), false,
                holder -> {
                    swap.execute(holder, table.oid(), shadow.oid());
                    // a run stopped from here on is decided from this row: it commits with the rename or not at all
                    state.markSwapped(holder);
                }, true)
                .lockingParents(swap.foreignKeyParents(second, table.oid()));
    }

    @Override
    public void afterSwap(Connection c, boolean dropOld, RunResult result) throws SQLException {
        releaseOld(c);
        keepOrDropOld(c, dropOld, result);
    }

    /** Right after the swap: the foreign keys moved to the new table validated, the old table's dropped (it must not constrain the parents). */
    void releaseOld(Connection c) throws SQLException {
        c.setAutoCommit(true);
        swap.validateForeignKeys(c);
        for (String statement : swap.releaseOldForeignKeys(c)) {
            log.println("osc: warning: the old table still has a foreign key (its parent stayed busy); run: " + statement);
        }
    }

    /** The old table dropped, or kept and marked with the time of the swap. */
    void keepOrDropOld(Connection c, boolean dropOld, RunResult result) throws SQLException {
        c.setAutoCommit(true);
        if (dropOld) {
            try (Statement st = c.createStatement()) {
                st.execute("DROP TABLE " + quote(names.old()));
            }
            result.put("oldTable", null);
        } else {
            result.put("oldTable", names.old().toString());
            try {
                PgLeftovers.markKept(c, names);
            } catch (SQLException e) {
                log.println("osc: warning: could not record when the old table was kept (" + PgConnector.oneLine(e)
                        + "); osc cleanup will show its age as unknown");
            }
        }
    }

    /** A revert window over this run's swap (known once the swap is done: the new table is the shadow that took the name). */
    @Override
    public dev.osc.engine.shadow.Reversal reversal() {
        return new PgReversal(this, names, table, shadow, statements.pair(), settings.lockTimeout(), state);
    }

    /**
     * A stopped run's window: this dialect was made over the new table (under the source's name),
     * the old table is {@code _<table>_osc_old}; their columns pair by name, their indexes by the
     * names the swap gave them.
     */
    @Override
    public dev.osc.engine.shadow.Reversal resumedReversal(Connection c) throws SQLException {
        PgInspector inspector = new PgInspector(c);
        if (!exists(c, names.old())) {
            return null;
        }
        TableInfo old = inspector.inspect(names.old());
        dev.osc.engine.model.ColumnMapping mapping = dev.osc.engine.model.ColumnMapping.byName(old.columns(), table.columns(), String::equals);
        if (mapping == null || !old.keyColumns().stream().map(mapping::targetOf).toList().equals(table.keyColumns())) {
            return null;
        }
        java.util.Map<String, String> indexNames = new java.util.LinkedHashMap<>();
        java.util.Set<String> oldIndexes = old.indexes().stream().map(i -> i.name()).collect(java.util.stream.Collectors.toSet());
        for (dev.osc.engine.model.Index index : table.indexes()) {
            if (oldIndexes.contains(names.parkedIndex(index.name()))) {
                indexNames.put(index.name(), names.parkedIndex(index.name()));
            }
        }
        ShadowReading created = new ShadowReading(table.name(), table.oid(), mapping, table.columns(), table.keyColumns(), indexNames,
                List.of(), "", List.of());
        PgTablePair pair = PgTablePair.of(old, created, inspector.indexes(table.oid()));
        return new PgReversal(this, names, old, created, pair, settings.lockTimeout(), state);
    }

    /** After a swap back the new table, parked under the shadow's name, is dropped: every row of it is in the table again. */
    @Override
    public void finishAfterSwap(Connection c, boolean dropOld, RunResult result, String phase) throws SQLException {
        if (!RunState.REVERTED.equals(phase)) {
            finishAfterSwap(c, dropOld, result);
            return;
        }
        c.setAutoCommit(true);
        try (Statement st = c.createStatement()) {
            st.execute("DROP TABLE IF EXISTS " + quote(names.shadow()));
        }
        result.put("oldTable", null).put("reverted", true);
    }

    /**
     * The old table is dropped or marked as kept; the foreign keys the swap left to validate, or
     * on the old table, are only named: which of them the swap made is known to the stopped run only.
     */
    @Override
    public void finishAfterSwap(Connection c, boolean dropOld, RunResult result) throws SQLException {
        c.setAutoCommit(true);
        PgInspector inspector = new PgInspector(c);
        boolean oldExists = exists(c, names.old());
        if (oldExists && dropOld) {
            try (Statement st = c.createStatement()) {
                st.execute("DROP TABLE " + quote(names.old()));
            }
            oldExists = false;
        } else if (oldExists) {
            PgLeftovers.markKept(c, names);
        }
        result.put("oldTable", oldExists ? names.old().toString() : null);
        for (String fk : inspector.strings("SELECT conname FROM pg_constraint WHERE conrelid = to_regclass(?) AND contype = 'f' "
                + "AND NOT convalidated ORDER BY 1", quote(names.source()))) {
            log.println("osc: warning: foreign key " + fk + " of " + names.source() + " is not validated; if it was before the run, run: "
                    + "ALTER TABLE " + quote(names.source()) + " VALIDATE CONSTRAINT " + quote(fk));
        }
        if (oldExists) {
            for (String fk : inspector.strings("SELECT conname FROM pg_constraint WHERE conrelid = to_regclass(?) AND contype = 'f' ORDER BY 1",
                    quote(names.old()))) {
                log.println("osc: warning: the old table still has a foreign key; run: ALTER TABLE " + quote(names.old())
                        + " DROP CONSTRAINT " + quote(fk));
            }
        }
    }

    /** Work on the writer connection, committed at once whether or not the connection is in auto-commit. */
    @FunctionalInterface
    private interface WriterWork {
        void run(Connection c) throws SQLException;
    }

    private static void committed(Connection c, WriterWork work) throws SQLException {
        boolean autoCommit = c.getAutoCommit();
        work.run(c);
        if (!autoCommit) {
            c.commit();
        }
    }

    @Override
    public String removedByCleanup(boolean swapped) {
        return (swapped ? "the fence and state tables" : "the shadow, fence and state tables") + ", replication slot and publication";
    }

    @Override
    public String cleanup(boolean swapped) {
        replicas.close();
        try (Connection c = connector.open("osc cleanup " + names.runId())) {
            new PgStreamSetup(connector, names).dropSlotAndPublication(c);
            PgHelperTables.INSTANCE.dropTables(c, swapped ? List.of(names.fence(), names.state())
                    : List.of(names.shadow(), names.fence(), names.state()));
            return null;
        } catch (SQLException e) {
            String problem = PgConnector.oneLine(e) + "; remove slot " + names.slot() + ", publication " + names.publication()
                    + " and tables " + names.shadow() + ", " + names.fence() + ", " + names.state() + " by hand";
            log.println("osc: " + problem);
            return problem;
        }
    }
}
