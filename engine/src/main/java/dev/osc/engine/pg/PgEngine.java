package dev.osc.engine.pg;

import dev.osc.cutover.Retrier;
import dev.osc.engine.model.TableName;
import dev.osc.engine.run.Orchestrator;
import dev.osc.engine.run.Engine;
import dev.osc.engine.run.OscException;
import dev.osc.engine.run.Plan;
import dev.osc.engine.run.RunProgress;
import dev.osc.engine.run.RunResult;
import dev.osc.engine.run.RunSettings;
import dev.osc.engine.shadow.RunLock;
import dev.osc.engine.shadow.ShadowDialect;
import java.io.PrintStream;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;

/** The commands on PostgreSQL: plan, and alter by direct DDL or the shadow path. */
public final class PgEngine implements Engine {
    private final PrintStream log;
    private final Clock clock;
    private final RunProgress progress;

    public PgEngine(PrintStream log, Clock clock, RunProgress progress) {
        this.log = log;
        this.clock = clock;
        this.progress = progress;
    }

    @Override
    public RunResult plan(RunSettings settings) throws Exception {
        PgAlterClause clause = clause(settings);
        PgConnector connector = new PgConnector(settings.url(), settings.user(), settings.password());
        try (Connection c = connector.openChecked("osc plan")) {
            Plan plan = planOn(c, settings, clause);
            return plan.describe(new RunResult().put("status", "planned"));
        }
    }

    @Override
    public RunResult alter(RunSettings settings) throws Exception {
        PgAlterClause clause = clause(settings);
        PgConnector connector = new PgConnector(settings.url(), settings.user(), settings.password());
        try (Connection c = connector.openChecked("osc alter")) {
            return new Orchestrator(settings, log, clock, progress).alter(c, new Orchestrator.Dialect() {
                @Override
                public TableName resolve(Connection conn) throws SQLException {
                    return new PgInspector(conn).resolve(settings.table());
                }

                @Override
                public AutoCloseable lockRun(TableName table) throws SQLException {
                    return RunLock.acquire(connector::open, PgHelperTables.INSTANCE, table);
                }

                @Override
                public Orchestrator.Planned plan(Connection conn, TableName table, String runId) throws SQLException {
                    Plan plan = new PgPlanner(conn).plan(settings, clause, table, runId);
                    return new Orchestrator.Planned() {
                        @Override
                        public Plan plan() {
                            return plan;
                        }

                        @Override
                        public void describe(RunResult result) {
                        }

                        @Override
                        public Duration direct(Connection conn, Retrier retrier, Duration lockTimeout) throws Exception {
                            return new PgDirectDdl(conn, retrier, clock).run(table, clause, lockTimeout);
                        }

                        @Override
                        public ShadowDialect shadow(String runId) {
                            return new PgShadowDialect(connector, settings, plan.table(), clause, runId, log);
                        }
                    };
                }
            });
        }
    }

    private static PgAlterClause clause(RunSettings settings) {
        try {
            return PgAlterClause.parse(settings.alter());
        } catch (IllegalArgumentException e) {
            throw OscException.badInput(e.getMessage());
        }
    }

    private Plan planOn(Connection c, RunSettings settings, PgAlterClause clause) throws SQLException {
        TableName table = new PgInspector(c).resolve(settings.table());
        return new PgPlanner(c).plan(settings, clause, table, dev.osc.engine.run.RunIds.next(clock));
    }
}
