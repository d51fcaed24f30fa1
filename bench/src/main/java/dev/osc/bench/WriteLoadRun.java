package dev.osc.bench;

import dev.osc.engine.testkit.DemoTable;
import dev.osc.engine.testkit.LatencyRecorder;
import dev.osc.engine.testkit.Workload;
import java.io.PrintStream;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.List;

/**
 * osc's run while writers keep writing: the writers' slowest transaction, their errors, and the
 * rows that differ from the oracle afterwards (which must be none).
 */
final class WriteLoadRun {
    record Figures(OscRunFigures osc, long transactions, long maxLatencyMs, List<String> errors, long differences) {
        boolean clean() {
            return differences == 0 && errors.isEmpty();
        }
    }

    private final String url;
    private final DemoTable table;
    private final long rows;
    private final int writers;
    private final int rate;
    private final PrintStream log;

    WriteLoadRun(String url, DemoTable table, long rows, int writers, int rate, PrintStream log) {
        this.url = url;
        this.table = table;
        this.rows = rows;
        this.writers = writers;
        this.rate = rate;
        this.log = log;
    }

    Figures run() throws Exception {
        OscRunFigures osc;
        LatencyRecorder latencies = new LatencyRecorder();
        Workload workload = Workload.on(url, table.writes(rows)).threads(writers).rate(rate).latencies(latencies).start();
        try {
            Thread.sleep(1000);
            osc = new OscAlterRun(url, table.name(), log).run();
            Thread.sleep(500);
        } finally {
            workload.close();
        }
        long differences;
        try (Connection c = DriverManager.getConnection(url)) {
            differences = table.differences(c);
            if (differences > 0) {
                table.sampleDifferences(c, 8).forEach(d -> log.println("osc bench: differs: " + d));
            }
        }
        workload.errors().stream().limit(5).forEach(e -> log.println("osc bench: writer error: " + e));
        return new Figures(osc, workload.transactions(), latencies.maxMillis(), workload.errors(), differences);
    }
}
