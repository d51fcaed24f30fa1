package dev.osc.engine.mysql;

import dev.osc.cutover.Retrier;
import dev.osc.cutover.RetryPolicy;
import dev.osc.engine.model.TableName;
import dev.osc.engine.run.Engine;
import dev.osc.engine.run.OscException;
import dev.osc.engine.run.RunIds;
import dev.osc.engine.run.RunProgress;
import dev.osc.engine.run.RunResult;
import dev.osc.engine.run.RunSettings;
import dev.osc.engine.run.Strategy;
import dev.osc.engine.shadow.ShadowRun;
import java.io.PrintStream;
import java.sql.Connection;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Random;

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
        long start = clock.millis();
        MyAlterClause clause = clause(settings);
        MyConnector connector = new MyConnector(settings.url(), settings.user(), settings.password());
        RunResult result = new RunResult();
        try (Connection c = connector.openChecked("osc alter")) {
            TableName table = new MyInspector(c).resolve(settings.table(), connector.database());
            try (MyRunLock lock = MyRunLock.acquire(connector, table)) {
                String runId = RunIds.next(clock);
                MyPlanner.Decision decision = new MyPlanner(c).plan(settings, clause, table, runId);
                var plan = decision.plan();
                result.put("status", settings.execute() ? "running" : "dry-run")
                        .put("strategy", plan.strategy().name().toLowerCase(Locale.ROOT))
                        .put("rowsCopied", 0L).put("changesApplied", 0L).put("cutoverBlockingMs", null)
                        .put("durationMs", 0L).put("checksum", null).put("algorithm", decision.algorithm());
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
                    Duration took = new MyDirectDdl(c, new Retrier(new RetryPolicy(30, Duration.ofMillis(100),
                            Duration.ofSeconds(5), 0.5), dev.osc.cutover.Sleeper.SYSTEM, new Random()), clock)
                            .run(table, clause, decision.algorithm(), settings.lockTimeout());
                    result.put("status", "done").put("cutoverBlockingMs", decision.algorithm().equals("copy") ? took.toMillis() : 0L)
                            .put("checksum", "not needed");
                } else {
                    log.println("osc: run " + runId + ": shadow copy of " + table + " (" + String.join("; ", plan.reasons()) + ")");
                    new ShadowRun(new MyShadowDialect(connector, settings, plan.table(), clause, runId, log), settings, runId,
                            plan.table().estimatedRows(), progress, log, clock).run(result);
                    result.put("status", "done");
                }
            }
        }
        result.put("durationMs", clock.millis() - start);
        return result;
    }

    private static MyAlterClause clause(RunSettings settings) {
        try {
            return MyAlterClause.parse(settings.alter());
        } catch (IllegalArgumentException e) {
            throw OscException.badInput(e.getMessage());
        }
    }
}
