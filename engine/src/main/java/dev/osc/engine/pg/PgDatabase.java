package dev.osc.engine.pg;

import dev.osc.engine.model.TableName;
import dev.osc.engine.run.Database;
import dev.osc.engine.run.OscException;
import dev.osc.engine.run.Orchestrator;
import dev.osc.engine.run.Plan;
import dev.osc.engine.run.RunSettings;
import dev.osc.engine.shadow.RunLock;
import java.io.PrintStream;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.Map;

/** PostgreSQL for the commands: its connector, catalog, planner, direct DDL and shadow dialect. */
public final class PgDatabase implements Database {

    @Override
    public Session session(RunSettings settings, Clock clock, PrintStream log) {
        PgAlterClause clause = parse(settings.alter());
        PgConnector connector = new PgConnector(settings.url(), settings.user(), settings.password());
        return new Session() {
            @Override
            public Connection connect(String role) {
                return connector.openChecked(role);
            }

            @Override
            public TableName resolve(Connection c) throws SQLException {
                return new PgInspector(c).resolve(settings.table());
            }

            @Override
            public java.util.List<String> unfinishedRun(Connection c, TableName table) throws SQLException {
                return new PgLeftovers(connector).ofRun(c, table).stream().map(Object::toString).toList();
            }

            @Override
            public AutoCloseable lockRun(TableName table) throws SQLException {
                return RunLock.acquire(connector::open, PgHelperTables.INSTANCE, table);
            }

            @Override
            public java.util.Optional<dev.osc.engine.shadow.SavedRun> savedRun(Connection c, TableName table) throws SQLException {
                return dev.osc.engine.shadow.RunState.read(c, PgHelperTables.INSTANCE, new PgRunNames(table, "").state());
            }

            @Override
            public boolean swapCommitted(Connection c, TableName table, dev.osc.engine.shadow.SavedRun earlier) {
                return dev.osc.engine.shadow.RunState.afterSwap(earlier.phase());
            }

            @Override
            public dev.osc.engine.shadow.ShadowDialect stoppedRun(Connection c, TableName table, dev.osc.engine.shadow.SavedRun earlier)
                    throws SQLException {
                return new PgShadowDialect(connector, settings, new PgInspector(c).inspect(table), clause, earlier.runId(), log);
            }

            @Override
            public Orchestrator.Planned plan(Connection c, TableName table, String runId, boolean resuming) throws SQLException {
                Plan plan = new PgPlanner(c).plan(settings, clause, table, runId, resuming);
                return new Orchestrator.Planned(plan, Map.of(),
                        (conn, retrier, lockTimeout, interrupt) -> new PgDirectDdl(conn, retrier, clock, log).run(table, clause, lockTimeout, interrupt),
                        id -> new PgShadowDialect(connector, settings, plan.table(), clause, id, log));
            }
        };
    }

    private static PgAlterClause parse(String alter) {
        try {
            return PgAlterClause.parse(alter);
        } catch (IllegalArgumentException e) {
            throw OscException.badInput(e.getMessage());
        }
    }
}
