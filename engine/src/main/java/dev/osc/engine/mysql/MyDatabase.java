package dev.osc.engine.mysql;

import dev.osc.engine.model.TableName;
import dev.osc.engine.run.Database;
import dev.osc.engine.run.OscException;
import dev.osc.engine.run.Orchestrator;
import dev.osc.engine.run.RunSettings;
import dev.osc.engine.shadow.RunLock;
import java.io.PrintStream;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;

/**
 * MySQL/MariaDB for the commands: its connector, catalog, planner (which asks the server for
 * INSTANT, then INPLACE), direct DDL and shadow dialect.
 */
public final class MyDatabase implements Database {

    /**
     * The MariaDB connector's classes and its DDL parser, which reads the captured tables'
     * definitions at the stream's start: at 1M rows the stream's start went from about 1.0 s to
     * 0.7 s, the run's first chunk about 0.1 s sooner (the warm-up shares the cores with the plan).
     */
    @Override
    public Runnable streamWarmUp() {
        return () -> {
            new io.debezium.connector.mariadb.MariaDbConnector().config();
            new io.debezium.connector.mariadb.antlr.MariaDbAntlrDdlParser()
                    .parse("CREATE TABLE osc_warm_up (id BIGINT NOT NULL PRIMARY KEY, v VARCHAR(10))", new io.debezium.relational.Tables());
        };
    }

    @Override
    public Session session(RunSettings settings, Clock clock, PrintStream log) {
        MyAlterClause clause = parse(settings.alter());
        MyConnector connector = new MyConnector(settings.url(), settings.user(), settings.password());
        return new Session() {
            @Override
            public Connection connect(String role) {
                return connector.openChecked(role);
            }

            @Override
            public TableName resolve(Connection c) throws SQLException {
                return new MyInspector(c).resolve(settings.table(), connector.database());
            }

            @Override
            public java.util.List<String> unfinishedRun(Connection c, TableName table) throws SQLException {
                return new MyLeftovers(connector).ofRun(c, table).stream().map(Object::toString).toList();
            }

            @Override
            public AutoCloseable lockRun(TableName table) throws SQLException {
                return RunLock.acquire(connector::open, MyHelperTables.INSTANCE, table);
            }

            /** INSTANT and INPLACE with LOCK=NONE never block writers; COPY blocks them while it runs. */
            @Override
            public java.util.Optional<dev.osc.engine.shadow.SavedRun> savedRun(Connection c, TableName table) throws SQLException {
                return dev.osc.engine.shadow.RunState.read(c, MyHelperTables.INSTANCE, new MyRunNames(table, "").state());
            }

            /** The rename is atomic: after it the shadow's name is free and the old table has the sentry's name (or, later, the old table's). */
            @Override
            public boolean swapCommitted(Connection c, TableName table, dev.osc.engine.shadow.SavedRun earlier) throws SQLException {
                if (dev.osc.engine.shadow.RunState.afterSwap(earlier.phase())) {
                    return true;
                }
                MyRunNames names = new MyRunNames(table, earlier.runId());
                MyInspector inspector = new MyInspector(c);
                if (inspector.exists(names.shadow())) {
                    return false;
                }
                return inspector.exists(names.old()) || (inspector.exists(names.sentry()) && !MySwap.isSentry(c, names));
            }

            @Override
            public dev.osc.engine.shadow.ShadowDialect stoppedRun(Connection c, TableName table, dev.osc.engine.shadow.SavedRun earlier)
                    throws SQLException {
                return new MyShadowDialect(connector, settings, new MyInspector(c).inspect(table), clause, earlier.runId(), log);
            }

            @Override
            public Orchestrator.Planned plan(Connection c, TableName table, String runId, boolean resuming) throws SQLException {
                MyPlanner.Decision decision = new MyPlanner(c).plan(settings, clause, table, runId, resuming);
                String algorithm = decision.algorithm();
                return new Orchestrator.Planned(decision.plan(), java.util.Collections.singletonMap("algorithm", algorithm),
                        (conn, retrier, lockTimeout, interrupt) -> {
                            Duration took = new MyDirectDdl(conn, retrier, clock).run(table, clause, algorithm, lockTimeout, interrupt);
                            return algorithm.equals("copy") ? took : Duration.ZERO;
                        },
                        id -> new MyShadowDialect(connector, settings, decision.plan().table(), clause, id, log));
            }
        };
    }

    private static MyAlterClause parse(String alter) {
        try {
            return MyAlterClause.parse(alter);
        } catch (IllegalArgumentException e) {
            throw OscException.badInput(e.getMessage());
        }
    }
}
