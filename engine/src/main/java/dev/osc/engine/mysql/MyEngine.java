package dev.osc.engine.mysql;

import dev.osc.cutover.Retrier;
import dev.osc.engine.model.TableName;
import dev.osc.engine.run.Orchestrator;
import dev.osc.engine.run.Engine;
import dev.osc.engine.run.Plan;
import dev.osc.engine.run.OscException;
import dev.osc.engine.run.RunIds;
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

/** The commands on MySQL/MariaDB: plan, and alter by direct DDL (INSTANT / INPLACE) or the shadow path. */
public final class MyEngine implements Engine {
    private final PrintStream log;
    private final Clock clock;
    private final RunProgress progress;

    public MyEngine(PrintStream log, Clock clock, RunProgress progress) {
        this.log = log;
        this.clock = clock;
        this.progress = progress;
    }

    @Override
    public RunResult plan(RunSettings settings) throws Exception {
        MyAlterClause clause = clause(settings);
        MyConnector connector = new MyConnector(settings.url(), settings.user(), settings.password());
        try (Connection c = connector.openChecked("osc plan")) {
            TableName table = new MyInspector(c).resolve(settings.table(), connector.database());
            MyPlanner.Decision decision = new MyPlanner(c).plan(settings, clause, table, RunIds.next(clock));
            return decision.plan().describe(new RunResult().put("status", "planned")).put("algorithm", decision.algorithm());
        }
    }

    @Override
    public RunResult alter(RunSettings settings) throws Exception {
        MyAlterClause clause = clause(settings);
        MyConnector connector = new MyConnector(settings.url(), settings.user(), settings.password());
        try (Connection c = connector.openChecked("osc alter")) {
            return new Orchestrator(settings, log, clock, progress).alter(c, new Orchestrator.Dialect() {
                @Override
                public TableName resolve(Connection conn) throws SQLException {
                    return new MyInspector(conn).resolve(settings.table(), connector.database());
                }

                @Override
                public AutoCloseable lockRun(TableName table) throws SQLException {
                    return RunLock.acquire(connector::open, MyHelperTables.INSTANCE, table);
                }

                @Override
                public Orchestrator.Planned plan(Connection conn, TableName table, String runId) throws SQLException {
                    MyPlanner.Decision decision = new MyPlanner(conn).plan(settings, clause, table, runId);
                    return new Orchestrator.Planned() {
                        @Override
                        public Plan plan() {
                            return decision.plan();
                        }

                        @Override
                        public void describe(RunResult result) {
                            result.put("algorithm", decision.algorithm());
                        }

                        /** INSTANT and INPLACE with LOCK=NONE never block writers; COPY blocks them while it runs. */
                        @Override
                        public Duration direct(Connection conn, Retrier retrier, Duration lockTimeout) throws Exception {
                            Duration took = new MyDirectDdl(conn, retrier, clock).run(table, clause, decision.algorithm(), lockTimeout);
                            return decision.algorithm().equals("copy") ? took : Duration.ZERO;
                        }

                        @Override
                        public ShadowDialect shadow(String runId) {
                            return new MyShadowDialect(connector, settings, decision.plan().table(), clause, runId, log);
                        }
                    };
                }
            });
        }
    }

    private static MyAlterClause clause(RunSettings settings) {
        try {
            return MyAlterClause.parse(settings.alter());
        } catch (IllegalArgumentException e) {
            throw OscException.badInput(e.getMessage());
        }
    }
}
