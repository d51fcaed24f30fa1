package dev.osc.engine.mysql;

import static dev.osc.engine.mysql.MyIdentifiers.literal;
import static dev.osc.engine.mysql.MyIdentifiers.quote;

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
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.sql.Statement;
import java.util.List;
import java.time.Clock;
import java.util.Properties;
import java.util.function.Supplier;

/**
 * The shadow path's MySQL/MariaDB statements: shadow via {@code CREATE TABLE ... LIKE} and the
 * ALTER, the binlog stream of the MariaDB connector, locking reads in the copier and applier,
 * the checksum's snapshot opened while {@code LOCK TABLES} holds writers, and gh-ost's
 * two-connection rename swap.
 */
public final class MyShadowDialect implements ShadowDialect {
    private static final Duration CHUNK_TARGET = Duration.ofMillis(100);
    private final MyConnector connector;
    private final RunSettings settings;
    private final TableInfo table;
    private final MyAlterClause clause;
    private final MyRunNames names;
    private final RunState state;
    private final MyStreamSetup stream;
    private final PrintStream log;
    private final Replicas replicas;
    private MyStatements statements;
    private RowDialect rows;
    private MyDeferredIndexes indexes;

    public MyShadowDialect(MyConnector connector, RunSettings settings, TableInfo table, MyAlterClause clause, String runId,
                           PrintStream log) {
        this.connector = connector;
        this.settings = settings;
        this.table = table;
        this.clause = clause;
        this.names = new MyRunNames(table.name(), runId);
        this.state = new RunState(MyHelperTables.INSTANCE, names);
        this.stream = new MyStreamSetup(connector, names);
        this.log = log;
        this.replicas = new Replicas(settings.signals().replicas(), url -> new MyConnector(url, settings.user(), settings.password()),
                "osc replica lag " + runId, MyReplicaStatus::read);
    }

    @Override
    public List<String> sourceDefinition(Connection c) throws SQLException {
        return new MyInspector(c).definition(names.source());
    }

    @Override
    public RunNames names() {
        return names;
    }

    @Override
    public HelperTableSql helperTables() {
        return MyHelperTables.INSTANCE;
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
        return new MyLoadProbe(c);
    }

    /** The named replicas only: a MySQL-family primary does not know its replicas' lag (the settings require them named). */
    @Override
    public List<ReplicaLagSource> replicaLag(Connection primary, Clock clock) {
        return replicas.sources();
    }

    /** MariaDB/MySQL keep no slot: the settings refuse {@code --max-retained-wal-mb} for them. */
    @Override
    public Probe retainedWalMb(Connection c) {
        throw new UnsupportedOperationException("--max-retained-wal-mb is for PostgreSQL");
    }

    @Override
    public StreamWatch streamRetention(Connection c, Supplier<StreamPosition> acknowledged) {
        return new MyBinlogRetention(c, acknowledged);
    }

    @Override
    public Connection open(String role) throws SQLException {
        return connector.open(role);
    }

    @Override
    public void prepare(Connection writer) throws SQLException {
        writer.setAutoCommit(true);
        state.create(writer, settings.toString(), settings.alter());
        try (Statement st = writer.createStatement()) {
            st.execute(MyHelperTables.INSTANCE.createFenceTable(names.fence()));
        }
        MyShadowReading shadow = new MyShadowBuilder(writer).build(table.name(), names.shadow(), clause);
        learn(writer, shadow, names.shadow());
        indexes = MyDeferredIndexes.takeOff(writer, names.shadow(), autoIncrement(shadow));
        if (!statements.uncheckedColumns().isEmpty()) {
            log.println("osc: warning: the checksum cannot compare " + statements.uncheckedColumns()
                    + " exactly after their type change; they are left out of it");
        }
    }

    /** The statements over source and {@code shadow}, from a reading of {@code built} (the shadow or its stand-in) before its indexes came off. */
    private void learn(Connection writer, MyShadowReading shadow, TableName built) throws SQLException {
        statements = new MyStatements(MyTablePair.of(table, shadow, new MyInspector(writer).indexes(built)));
        rows = MyRowRules.dialect(statements);
    }

    private static String autoIncrement(MyShadowReading shadow) {
        return shadow.columnsAfter().stream().filter(c -> c.identity()).map(c -> c.name()).findFirst().orElse(null);
    }

    /**
     * Learns what {@link #prepare} knew by building the same copy again under the probe's name
     * (then dropped): the mapping, the statements and the deferred indexes; of those, the ones the
     * crashed run had built on the shadow already are not built again. The shadow is left as it is.
     */
    @Override
    public boolean shadowExists(Connection c) throws SQLException {
        return new MyInspector(c).exists(names.shadow());
    }

    @Override
    public String adopt(Connection writer) throws SQLException {
        writer.setAutoCommit(true);
        MyInspector inspector = new MyInspector(writer);
        if (!inspector.exists(names.shadow())) {
            return "its shadow " + names.shadow() + " is gone";
        }
        MyShadowBuilder builder = new MyShadowBuilder(writer);
        try {
            MyShadowReading fresh = builder.build(table.name(), names.probe(), clause);
            String mismatch = AdoptedShadow.mismatch(fresh.columnsAfter(), inspector.columns(names.shadow()));
            if (mismatch != null) {
                return mismatch;
            }
            MyShadowReading shadow = new MyShadowReading(names.shadow(), fresh.mapping(), fresh.columnsAfter(), fresh.keyAfter(),
                    fresh.algorithm(), fresh.droppedForeignKeys());
            learn(writer, shadow, names.probe());
            indexes = MyDeferredIndexes.takeOff(writer, names.probe(), autoIncrement(shadow)).on(names.shadow()).missingOn(writer);
            return null;
        } finally {
            builder.drop(names.probe());
        }
    }

    /** The binlog file the saved position names must still be on the server. */
    @Override
    public String streamPositionGone(Connection c, String offsets) throws SQLException {
        java.util.regex.Matcher file = java.util.regex.Pattern.compile("\"file\"\\s*:\\s*\"([^\"]+)\"")
                .matcher(dev.osc.cdc.DurableOffsetStore.describe(offsets));
        if (!file.find()) {
            return "its saved stream position names no binlog file";
        }
        try (Statement st = c.createStatement(); java.sql.ResultSet rs = st.executeQuery("SHOW BINARY LOGS")) {
            while (rs.next()) {
                if (rs.getString(1).equals(file.group(1))) {
                    return null;
                }
            }
        }
        return "the binlog file " + file.group(1) + " its stream had reached was purged";
    }

    /** The schema history lived in memory: rebuilt from the catalog, which no DDL changed meanwhile (the adopt compared it). */
    @Override
    public void resumingStream(Properties properties) {
        properties.setProperty("snapshot.mode", "recovery");
    }

    /**
     * 100 ms: each chunk's locking read (invariant 7) holds every writer of a row in its range
     * until it commits, so the chunk's time is a writer's longest wait. Measured at 1M rows (4
     * writers at 300 tx/s, 2 cores) the copy took about as long as with 500 ms.
     */
    @Override
    public Duration defaultChunkTarget() {
        return CHUNK_TARGET;
    }

    @Override
    public void startCapture(Connection c) {
        // the binlog is on already (pre-flight checked); the connector needs nothing created
    }

    @Override
    public Properties streamProperties() {
        return stream.connectorProperties(settings.control().revertWindow() != null);
    }

    /** Nothing to do: InnoDB recalculates persistent statistics itself after large changes (innodb_stats_auto_recalc). */
    @Override
    public void analyze(Connection c) {
    }

    @Override
    public Checksum checksum(Connection c) {
        return new ChunkChecksum(rows, statements, 50_000);
    }

    /** A consistent snapshot needs no table access, so it can be opened while A holds the write locks. */
    @Override
    public WriterHold checksumHold(Connection lock, KeyApplier committingApplier, List<Connection> snapshots) {
        return new MyWriterHold(lock, names, settings.lockTimeout(), lockHolderApplier(lock), false,
                hold -> MyConsistentSnapshots.open(snapshots), () -> { });
    }

    @Override
    public WriterHold swapHold(Connection lock, Connection second) {
        MySwap swap = new MySwap(lock, second, names);
        return new MyWriterHold(lock, names, settings.lockTimeout(), lockHolderApplier(lock), true, hold -> {
            swap.execute(hold);
            // the rename is DDL of its own: recorded right after it (the catalog decides the moment in between)
            state.phase(second, RunState.SWAPPED);
        }, swap::cancel);
    }

    private KeyApplier lockHolderApplier(Connection lock) {
        return lockHolderApplier(lock, rows);
    }

    /** An applier on the lock-holding connection, set up on first use (after the lock is taken), then reused. */
    static KeyApplier lockHolderApplier(Connection lock, RowDialect rows) {
        return new KeyApplier() {
            private KeyApplier applier;

            @Override
            public dev.osc.engine.copy.ApplyOutcome apply(dev.osc.engine.copy.KeyBatch batch, dev.osc.engine.copy.Bound upTo)
                    throws Exception {
                if (applier == null) {
                    applier = RowApplier.committing(lock, rows, rows.retries("mariadb-lock-applier"));
                }
                return applier.apply(batch, upTo);
            }
        };
    }

    @Override
    public void afterSwap(Connection c, boolean dropOld, RunResult result) throws SQLException {
        setAside(c, names.sentry(), dropOld, result);
    }

    /** The old table, under the name {@code at}, renamed to {@code _<table>_osc_old} and marked, or dropped. */
    void setAside(Connection c, TableName at, boolean dropOld, RunResult result) throws SQLException {
        c.setAutoCommit(true);
        try (Statement st = c.createStatement()) {
            if (dropOld) {
                st.execute("DROP TABLE " + quote(at));
                result.put("oldTable", null);
            } else {
                st.execute("RENAME TABLE " + quote(at) + " TO " + quote(names.old()));
                result.put("oldTable", names.old().toString());
                markOldTable(st);
            }
        }
    }

    /** A revert window over this run's swap: the old table follows the new one under the shadow's name. */
    @Override
    public dev.osc.engine.shadow.Reversal reversal() {
        return new MyReversal(this, names, table, statements.pair(), settings.lockTimeout(), state);
    }

    /** A stopped run's window: this dialect was made over the new table; the old one waits under the shadow's name. */
    @Override
    public dev.osc.engine.shadow.Reversal resumedReversal(Connection c) throws SQLException {
        MyInspector inspector = new MyInspector(c);
        if (!inspector.exists(names.shadow())) {
            return null;
        }
        TableInfo old = inspector.inspect(names.shadow());
        dev.osc.engine.model.ColumnMapping mapping = dev.osc.engine.model.ColumnMapping.byName(old.columns(), table.columns(),
                String::equalsIgnoreCase);
        if (mapping == null) {
            return null;
        }
        MyShadowReading created = new MyShadowReading(table.name(), mapping, table.columns(), table.keyColumns(), null, List.of());
        MyTablePair pair = MyTablePair.of(old, created, inspector.indexes(table.name()));
        return new MyReversal(this, names, old, pair, settings.lockTimeout(), state);
    }

    /**
     * A run stopped in its revert window left the old table under the shadow's name: set aside as
     * after a swap; one stopped after its swap back left the new table under the sentry's: dropped.
     */
    @Override
    public void finishAfterSwap(Connection c, boolean dropOld, RunResult result, String phase) throws SQLException {
        MyInspector inspector = new MyInspector(c);
        // the swap back's rename is DDL of its own, recorded after it: the catalog decides a stop in between
        boolean newTableUnderSentry = inspector.exists(names.sentry()) && !MySwap.isSentry(c, names);
        boolean swappedBack = RunState.REVERTED.equals(phase)
                || (RunState.REVERT.equals(phase) && !inspector.exists(names.shadow()) && newTableUnderSentry);
        if (swappedBack) {
            if (newTableUnderSentry) {
                try (Statement st = c.createStatement()) {
                    st.execute("DROP TABLE " + quote(names.sentry()));
                }
            }
            try (Statement st = c.createStatement()) {
                unmarkRestored(st);
            }
            result.put("oldTable", null).put("reverted", true);
            return;
        }
        if (inspector.exists(names.shadow())) {
            // after a swap only a revert window puts a table under the shadow's name: the old one
            setAside(c, names.shadow(), dropOld, result);
            return;
        }
        finishAfterSwap(c, dropOld, result);
    }

    /** After the swap the old table has the sentry's name until {@link #afterSwap} renames (or drops) it. */
    @Override
    public void finishAfterSwap(Connection c, boolean dropOld, RunResult result) throws SQLException {
        MyInspector inspector = new MyInspector(c);
        if (!inspector.exists(names.sentry()) || MySwap.isSentry(c, names)) {
            result.put("oldTable", inspector.exists(names.old()) ? names.old().toString() : null);
            return;
        }
        afterSwap(c, dropOld, result);
    }

    /**
     * The old table says it is osc's (osc cleanup drops by age only what is marked; its age is the
     * CREATE_TIME this change sets), keeping the comment it had; a metadata change under a short
     * lock wait, best effort: a busy old table stays unmarked, with a warning.
     */
    private void markOldTable(Statement st) {
        markOldTable(st, names.old());
    }

    /** The same for the old table under the name {@code at}; one this run marked already is left as it is. */
    void markOldTable(Statement st, TableName at) {
        try {
            String previous = comment(st, at);
            previous = previous == null || previous.isEmpty() ? null : previous;
            if (previous != null && previous.startsWith(MyLeftovers.oldTableComment(names.runId(), null))) {
                return;
            }
            String comment = MyLeftovers.oldTableComment(names.runId(), previous);
            st.execute("SET SESSION lock_wait_timeout = 2");
            st.execute("ALTER TABLE " + quote(at) + " COMMENT = " + literal(comment) + ", ALGORITHM=INSTANT");
        } catch (SQLException e) {
            log.println("osc: warning: the old table " + at + " is not marked as osc's (" + MyConnector.oneLine(e)
                    + "); osc cleanup will not drop it by age");
        }
    }

    /** The comment of table {@code t}; null when there is no such table. */
    private static String comment(Statement st, TableName t) throws SQLException {
        try (ResultSet rs = st.executeQuery("SELECT TABLE_COMMENT FROM information_schema.TABLES WHERE TABLE_SCHEMA = "
                + literal(t.schema()) + " AND TABLE_NAME = " + literal(t.name()))) {
            return rs.next() ? rs.getString(1) : null;
        }
    }

    /** After a swap back: the table gets the comment it had before the window marked it as an old table (best effort). */
    void unmarkRestored(Statement st) {
        TableName t = names.source();
        try {
            String original = MyLeftovers.commentBeforeMark(names.runId(), comment(st, t));
            if (original != null) {
                st.execute("SET SESSION lock_wait_timeout = 2");
                st.execute("ALTER TABLE " + quote(t) + " COMMENT = " + literal(original) + ", ALGORITHM=INSTANT");
            }
        } catch (SQLException e) {
            log.println("osc: warning: " + t + " keeps the comment that marked it as an old table (" + MyConnector.oneLine(e) + ")");
        }
    }

    @Override
    public String removedByCleanup(boolean swapped) {
        return swapped ? "the fence, probe and state tables" : "the shadow, fence, probe and state tables";
    }

    @Override
    public String cleanup(boolean swapped) {
        replicas.close();
        try (Connection c = connector.open("osc cleanup")) {
            if (!swapped) {
                MyHelperTables.INSTANCE.dropTables(c, List.of(names.shadow()));
            }
            // a run stopped right after its swap may have left its sentry too
            MySwap.dropSentryIfOurs(c, names);
            MyHelperTables.INSTANCE.dropTables(c, List.of(names.probe(), names.fence(), names.state()));
            return null;
        } catch (SQLException e) {
            String problem = MyConnector.oneLine(e) + "; remove tables " + names.shadow() + ", " + names.fence() + ", "
                    + names.state() + " by hand";
            log.println("osc: " + problem);
            return problem;
        }
    }
}
