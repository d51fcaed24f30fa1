package dev.osc.engine.run;

import dev.osc.cutover.Retrier;
import dev.osc.cutover.RetryPolicy;
import dev.osc.engine.model.TableName;
import dev.osc.engine.shadow.ShadowDialect;
import dev.osc.engine.shadow.ShadowRun;
import java.io.PrintStream;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Random;

/**
 * The {@code alter} command for any database: resolve the table, take the single-run lock, plan,
 * refuse or warn, then a dry run, direct DDL, or the shadow path.
 */
public final class AlterFlow {
    /** Direct DDL retries: a short lock wait each time, backing off with jitter. */
    public static final RetryPolicy DIRECT_RETRIES = new RetryPolicy(30, Duration.ofMillis(100), Duration.ofSeconds(5), 0.5);

    /** One database family's part of the command. */
    public interface Dialect {
        TableName resolve(Connection c) throws SQLException;

        /** Takes the single-run lock for the table; refuses (exit 3) when another run holds it. */
        AutoCloseable lockRun(TableName table) throws SQLException;

        Planned plan(Connection c, TableName table, String runId) throws SQLException;
    }

    /** A plan and the ways to carry it out. */
    public interface Planned {
        Plan plan();

        /** Adds the dialect's own facts to the result (e.g. the algorithm the server accepted). */
        void describe(RunResult result);

        /** Runs the ALTER directly; returns how long writers could have been blocked. */
        Duration direct(Connection c, Retrier retrier, Duration lockTimeout) throws Exception;

        ShadowDialect shadow(String runId);
    }

    private final PrintStream log;
    private final Clock clock;
    private final RunProgress progress;

    public AlterFlow(PrintStream log, Clock clock, RunProgress progress) {
        this.log = log;
        this.clock = clock;
        this.progress = progress;
    }

    public RunResult alter(Connection c, RunSettings settings, Dialect dialect) throws Exception {
        long start = clock.millis();
        RunResult result = new RunResult();
        TableName table = dialect.resolve(c);
        try (AutoCloseable lock = dialect.lockRun(table)) {
            String runId = RunIds.next(clock);
            Planned planned = dialect.plan(c, table, runId);
            Plan plan = planned.plan();
            result.put("status", settings.execute() ? "running" : "dry-run")
                    .put("strategy", plan.strategy().name().toLowerCase(Locale.ROOT))
                    .put("rowsCopied", 0L).put("changesApplied", 0L).put("cutoverBlockingMs", null)
                    .put("durationMs", 0L).put("checksum", null);
            planned.describe(result);
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
                Duration blocked = planned.direct(c, new Retrier(DIRECT_RETRIES, dev.osc.cutover.Sleeper.SYSTEM, new Random()),
                        settings.lockTimeout());
                result.put("status", "done").put("cutoverBlockingMs", blocked.toMillis()).put("checksum", "not needed");
            } else {
                log.println("osc: run " + runId + ": shadow copy of " + table + " (" + String.join("; ", plan.reasons()) + ")");
                new ShadowRun(planned.shadow(runId), settings, runId, plan.table().estimatedRows(), progress, log, clock).run(result);
                result.put("status", "done");
            }
        }
        result.put("durationMs", clock.millis() - start);
        return result;
    }
}
