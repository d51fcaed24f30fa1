package dev.osc.engine.cli;

import dev.osc.engine.run.Engines;
import dev.osc.engine.run.ExitStatus;
import dev.osc.engine.run.RunProgress;
import dev.osc.engine.run.RunResult;
import dev.osc.engine.run.RunSettings;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code osc plan}: inspect the table, probe the ALTER, print the decision and its reasons. */
@Command(name = "plan", mixinStandardHelpOptions = true,
        description = "Show how osc would carry out an ALTER, and why. Changes nothing.")
final class PlanCommand extends Streams implements Callable<Integer>, JsonOutput {
    @Mixin
    ConnectionMixin connection;

    @Mixin
    TableMixin target;

    @Option(names = "--strategy", defaultValue = "auto", paramLabel = "auto|direct|shadow",
            description = "auto (default), direct or shadow")
    String strategy;

    @Option(names = "--max-direct-hold", defaultValue = "50ms", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "the longest a direct ALTER that rewrites the table may hold writers, estimated from its size (default 50ms)")
    Duration maxDirectHold;

    @Option(names = "--allow-destructive",
            description = "run an ALTER that drops a column holding data, narrows a type or renames a column (refused by default)")
    boolean allowDestructive;

    @Option(names = "--direct-threshold-mb", defaultValue = "64", paramLabel = "MiB",
            description = "under --strategy auto, tables smaller than this are altered directly (default 64)")
    long directThresholdMb;

    private final RunResult partial = new RunResult();

    @Override
    public Integer call() throws Exception {
        RunSettings settings = new RunSettings(connection.url, connection.user, connection.password(), target.table,
                target.alter, false, AlterCommand.strategy(strategy), 0, Duration.ofMillis(500), false,
                directThresholdMb * 1024 * 1024, Duration.ofMillis(200), true, false, allowDestructive, maxDirectHold);
        RunResult result = Engines.forUrl(settings.url(), err, Clock.systemUTC(), new RunProgress()).plan(settings);
        boolean refused = refused(result);
        if (refused) {
            result.put("status", "refused");
        }
        if (target.json) {
            out.println(result.toJson());
        } else {
            print(result);
        }
        return refused ? ExitStatus.REFUSED.code() : ExitStatus.OK.code();
    }

    /** What {@code alter --execute} would refuse: a gate, or the shadow path with refusals. A script gates on the exit status. */
    private static boolean refused(RunResult result) {
        if (result.get("gates") instanceof List<?> gates && !gates.isEmpty()) {
            return true;
        }
        return "shadow".equals(result.get("strategy")) && result.get("refusals") instanceof List<?> refusals && !refusals.isEmpty();
    }

    void print(RunResult result) {
        for (Map.Entry<String, Object> e : result.fields().entrySet()) {
            Object v = e.getValue();
            if (v instanceof List<?> list) {
                if (list.isEmpty()) {
                    continue;
                }
                out.println(e.getKey() + ":");
                list.forEach(item -> out.println("  - " + item));
            } else {
                out.println(e.getKey() + ": " + v);
            }
        }
    }

    @Override
    public boolean json() {
        return target != null && target.json;
    }

    @Override
    public RunResult partialResult() {
        return partial;
    }
}
