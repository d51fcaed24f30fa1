package dev.osc.engine.pg;

import static dev.osc.engine.pg.PgIdentifiers.quote;

import dev.osc.engine.copy.Checksum;
import dev.osc.engine.copy.KeyApplier;
import dev.osc.engine.model.TableInfo;
import dev.osc.engine.rows.ChunkChecksum;
import dev.osc.engine.rows.RowApplier;
import dev.osc.engine.rows.RowDialect;
import dev.osc.engine.run.RunResult;
import dev.osc.engine.run.RunSettings;
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
            state.create(writer, settings.toString());
            try (Statement st = writer.createStatement()) {
                st.execute(PgHelperTables.INSTANCE.createFenceTable(names.fence()));
            }
            shadow = new PgShadowBuilder(writer).build(table.name(), table.indexes(), names.shadow(), clause);
            notValidChecks = PgNotValidChecks.takeOff(writer, table.oid(), shadow.oid(), names.shadow(), clause.text());
            statements = new PgStatements(PgTablePair.of(table, shadow, new PgInspector(writer).indexes(shadow.oid())));
            rows = PgRowRules.dialect(statements);
            indexes = PgDeferredIndexes.takeOff(writer, names.shadow(), shadow.oid());
            writer.commit();
        } catch (SQLException | RuntimeException e) {
            writer.rollback();
            throw e;
        } finally {
            writer.setAutoCommit(true);
        }
        swap = new PgSwap(names, shadow.mapping(), shadow.indexNames(), shadow.autovacuumRestore(), notValidChecks,
                shadow.droppedForeignKeys());
    }

    @Override
    public void startCapture(Connection c) throws SQLException {
        new PgStreamSetup(connector, names).createPublication(c);
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

    /** EXCLUSIVE keeps writers out but lets the run's applier read the source. */
    @Override
    public WriterHold checksumHold(Connection lock, KeyApplier committingApplier, List<Connection> snapshots) {
        return new PgWriterHold(lock, names, "EXCLUSIVE", settings.lockTimeout(), committingApplier, true, holder -> {
            for (Connection snapshot : snapshots) {
                snapshot.setAutoCommit(false);
                snapshot.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
                try (Statement st = snapshot.createStatement()) {
                    st.execute("SELECT 1 FROM " + quote(names.shadow()) + " LIMIT 1");
                }
            }
        }, false);
    }

    /** ACCESS EXCLUSIVE: only the lock connection can read the source, so the final apply runs on it. */
    @Override
    public WriterHold swapHold(Connection lock, Connection second) throws SQLException {
        return new PgWriterHold(lock, names, "ACCESS EXCLUSIVE", settings.lockTimeout(),
                RowApplier.inTransaction(lock, rows), false,
                holder -> swap.execute(holder, table.oid(), shadow.oid()), true)
                .lockingParents(swap.foreignKeyParents(second, table.oid()));
    }

    @Override
    public void afterSwap(Connection c, boolean dropOld, RunResult result) throws SQLException {
        c.setAutoCommit(true);
        swap.validateForeignKeys(c);
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
            for (String statement : swap.releaseOldForeignKeys(c)) {
                log.println("osc: warning: the old table still has a foreign key (its parent stayed busy); run: " + statement);
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
