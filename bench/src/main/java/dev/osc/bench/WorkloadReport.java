package dev.osc.bench;

import dev.osc.bench.WorkloadMix.Operation;
import dev.osc.engine.run.RunResult;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** What a workload did: transactions per operation, throughput, latency of writes and reads, errors. */
final class WorkloadReport {
    private final FixtureLoad load;
    private final Duration length;

    WorkloadReport(FixtureLoad load, Duration length) {
        this.load = load;
        this.length = length;
    }

    Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("table", load.table().name());
        m.put("shape", load.table().shape().name().toLowerCase(Locale.ROOT));
        m.put("threads", load.threads());
        m.put("seconds", length.toMillis() / 1000.0);
        m.put("transactions", load.transactions());
        m.put("transactionsPerSecond", Math.round(load.transactions() * 1000.0 / Math.max(1, length.toMillis())));
        Map<String, Object> ops = new LinkedHashMap<>();
        load.byOperation().forEach((op, n) -> ops.put(op.name().toLowerCase(Locale.ROOT), n));
        m.put("byOperation", ops);
        m.put("writes", load.writes().total().toMap());
        m.put("reads", load.reads().total().toMap());
        m.put("errors", load.errors());
        m.put("deadlocks", load.deadlocks());
        m.put("firstErrors", load.firstErrors());
        return m;
    }

    String json(Long differences) {
        Map<String, Object> m = toMap();
        m.put("oracleDifferences", differences);
        return RunResult.Json.write(m);
    }

    String text(Long differences) {
        StringBuilder out = new StringBuilder();
        Map<Operation, Long> ops = load.byOperation();
        out.append(String.format(Locale.ROOT, "transactions: %,d (%,d/s): %,d inserts, %,d updates, %,d deletes, %,d reads%n",
                load.transactions(), Math.round(load.transactions() * 1000.0 / Math.max(1, length.toMillis())), ops.get(Operation.INSERT),
                ops.get(Operation.UPDATE), ops.get(Operation.DELETE), ops.get(Operation.READ)));
        line(out, "writes", load.writes().total());
        line(out, "reads", load.reads().total());
        out.append(String.format(Locale.ROOT, "errors: %,d (deadlocks %,d)%n", load.errors(), load.deadlocks()));
        load.firstErrors().forEach(e -> out.append("  ").append(e).append('\n'));
        if (differences != null) {
            out.append(String.format(Locale.ROOT, "oracle: %s%n", differences == 0 ? "equal to the table" : differences + " rows differ"));
        }
        return out.toString();
    }

    private static void line(StringBuilder out, String what, LatencySummary s) {
        out.append(String.format(Locale.ROOT, "%s latency ms: p50 %.2f, p99 %.2f, p99.9 %.2f, max %.2f (%,d)%n", what, s.p50Ms(),
                s.p99Ms(), s.p999Ms(), s.maxMs(), s.count()));
    }
}
