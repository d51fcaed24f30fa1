package dev.osc.engine.pg;

import dev.osc.cutover.Retrier;
import dev.osc.cutover.RetryPolicy;
import dev.osc.engine.model.TableName;
import dev.osc.engine.run.Engine;
import dev.osc.engine.run.OscException;
import dev.osc.engine.run.Plan;
import dev.osc.engine.run.RunProgress;
import dev.osc.engine.run.RunResult;
import dev.osc.engine.run.RunSettings;
import dev.osc.engine.run.Strategy;
import dev.osc.engine.shadow.ShadowRun;
import java.io.PrintStream;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Random;

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
        long start = clock.millis();
        PgAlterClause clause = clause(settings);
        PgConnector connector = new PgConnector(settings.url(), settings.user(), settings.password());
        RunResult result = new RunResult();
        try (Connection c = connector.openChecked("osc alter")) {
            TableName table = new PgInspector(c).resolve(settings.table());
            try (PgRunLock lock = PgRunLock.acquire(connector, table)) {
                Plan plan = planOn(c, settings, clause);
                result.put("status", settings.execute() ? "running" : "dry-run")
                        .put("strategy", plan.strategy().name().toLowerCase(Locale.ROOT))
                        .put("rowsCopied", 0L).put("changesApplied", 0L).put("cutoverBlockingMs", null)
                        .put("durationMs", 0L).put("checksum", null);
                if (plan.strategy() == Strategy.SHADOW && !plan.shadowRefusals().isEmpty()) {
                    throw OscException.refused(String.join("; ", plan.shadowRefusals()));
                }
                for (String w : plan.warnings()) {
                    log.println("osc: warning: " + w);
                }
                if (!settings.execute()) {
                    log.println("osc: dry run (" + plan.strategy().name().toLowerCase(Locale.ROOT) + ": "
                            + String.join("; ", plan.reasons()) + "); add --execute to alter " + table);
                    plan.describe(result);
                    result.put("status", "dry-run");
                } else if (plan.strategy() == Strategy.DIRECT) {
                    Duration took = new PgDirectDdl(c, new Retrier(new RetryPolicy(30, Duration.ofMillis(100),
                            Duration.ofSeconds(5), 0.5), dev.osc.cutover.Sleeper.SYSTEM, new Random()), clock)
                            .run(table, clause, settings.lockTimeout());
                    result.put("status", "done").put("cutoverBlockingMs", took.toMillis()).put("checksum", "not needed");
                } else {
                    String runId = runId();
                    log.println("osc: run " + runId + ": shadow copy of " + table + " (" + String.join("; ", plan.reasons()) + ")");
                    new ShadowRun(new PgShadowDialect(connector, settings, plan.table(), clause, runId, log), settings, runId,
                            plan.table().estimatedRows(), progress, log, clock).run(result);
                    result.put("status", "done");
                }
            }
        }
        result.put("durationMs", clock.millis() - start);
        return result;
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
        return new PgPlanner(c).plan(settings, clause, table, runId());
    }

    private String runId() {
        return dev.osc.engine.run.RunIds.next(clock);
    }
}
