package dev.osc.bench;

import dev.osc.engine.run.Engines;
import dev.osc.engine.run.RunProgress;
import dev.osc.engine.run.RunResult;
import dev.osc.engine.run.RunSettings;
import dev.osc.engine.run.Strategy;
import dev.osc.engine.testkit.DemoTable;
import dev.osc.engine.testkit.EmbeddedMaria;
import dev.osc.engine.testkit.LatencyRecorder;
import dev.osc.engine.testkit.Workload;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code osc bench ptosc}: on a private MariaDB, the same table and the same write load, side by
 * side: the server's own {@code INSERT ... SELECT} (the copy-speed limit), osc's shadow path, and
 * pt-online-schema-change (Debian's percona-toolkit). Reports total time, copy rate, foreground
 * p50/p99/max latency, writer errors and deadlocks, and whether the table still equals its oracle.
 */
@Command(name = "ptosc", mixinStandardHelpOptions = true,
        description = "osc against pt-online-schema-change on a private MariaDB, same table, same write load.")
final class PtOscCompareCommand implements Callable<Integer> {
    private static final String TABLE = "accounts";
    private static final String ALTER = "MODIFY COLUMN balance BIGINT";

    @Option(names = "--rows", defaultValue = "300000", paramLabel = "N", description = "rows in the table (default 300,000)")
    long rows;

    @Option(names = "--writers", defaultValue = "4", paramLabel = "K", description = "writer threads (default 4)")
    int writers;

    @Option(names = "--rate", defaultValue = "200", paramLabel = "R", description = "write transactions per second (default 200)")
    int rate;

    @Option(names = "--report", paramLabel = "FILE.json", description = "also write the figures as JSON")
    Path report;

    /** One contender's figures under the write load. */
    record Figures(String tool, long exit, double seconds, double p50, double p99, long max, long transactions, int errors,
                   long deadlocks, long differences, String note) {
    }

    @Override
    public Integer call() throws Exception {
        if (rows < 1000 || writers < 1 || rate < 1) {
            System.err.println("osc bench: --rows must be at least 1000, --writers and --rate at least 1");
            return 2;
        }
        List<Figures> results = new ArrayList<>();
        Map<String, Object> json = new LinkedHashMap<>();
        try (EmbeddedMaria maria = EmbeddedMaria.start()) {
            String url = maria.url();
            double serverSeconds = serverCopySeconds(url);
            json.put("rows", rows);
            json.put("serverInsertSelectSeconds", serverSeconds);
            RunResult idle = osc(url, null);
            double oscCopySeconds = ((Long) idle.get("copyMs")) / 1000.0;
            json.put("oscIdleCopySeconds", oscCopySeconds);
            json.put("copyRateRatio", round(serverSeconds / oscCopySeconds));
            results.add(underLoad(url, "osc", load -> {
                RunResult r = osc(url, load);
                return "blocking " + r.get("cutoverBlockingMs") + " ms, checksum " + String.valueOf(r.get("checksum")).split(":")[0];
            }));
            results.add(underLoad(url, "pt-osc", load -> ptOsc(maria)));
        }
        printTable(results);
        System.out.printf(Locale.ROOT, "%nserver INSERT ... SELECT: %.2f s; osc copy phase (no writers): %.2f s; ratio %.2f%n",
                json.get("serverInsertSelectSeconds"), json.get("oscIdleCopySeconds"), json.get("copyRateRatio"));
        if (report != null) {
            List<Object> rowsJson = new ArrayList<>();
            for (Figures f : results) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("tool", f.tool());
                m.put("exit", f.exit());
                m.put("seconds", f.seconds());
                m.put("p50Ms", f.p50());
                m.put("p99Ms", f.p99());
                m.put("maxMs", f.max());
                m.put("transactions", f.transactions());
                m.put("errors", f.errors());
                m.put("deadlocks", f.deadlocks());
                m.put("differences", f.differences());
                m.put("note", f.note());
                rowsJson.add(m);
            }
            json.put("underLoad", rowsJson);
            Files.writeString(report, RunResult.Json.write(json));
        }
        return results.stream().allMatch(f -> f.tool().equals("pt-osc") || (f.differences() == 0 && f.errors() == 0)) ? 0 : 1;
    }

    /** A contender run under load: it gets the load and returns a note. */
    @FunctionalInterface
    interface Contender {
        String run(Workload load) throws Exception;
    }

    private Figures underLoad(String url, String tool, Contender contender) throws Exception {
        DemoTable table = fresh(url);
        System.err.printf(Locale.ROOT, "osc bench: %s under %d writers at %d tx/s on %,d rows%n", tool, writers, rate, rows);
        LatencyRecorder latencies = new LatencyRecorder();
        Workload load = Workload.on(url, table.writes(rows)).threads(writers).rate(rate).latencies(latencies).start();
        long start;
        long end;
        String note;
        long exit = 0;
        try {
            Thread.sleep(1000);
            start = System.nanoTime();
            try {
                note = contender.run(load);
            } catch (Exception e) {
                exit = 1;
                note = "failed: " + e.getMessage();
            }
            end = System.nanoTime();
            Thread.sleep(500);
        } finally {
            load.close();
        }
        try (Connection c = DriverManager.getConnection(url)) {
            return new Figures(tool, exit, round((end - start) / 1e9), round(latencies.percentileMillis(50)),
                    round(latencies.percentileMillis(99)), latencies.maxMillis(), load.transactions(), (int) load.errorCount(),
                    load.deadlocks(), table.differences(c), note);
        }
    }

    private DemoTable fresh(String url) throws Exception {
        DemoTable table = DemoTable.mariadb(TABLE);
        try (Connection c = DriverManager.getConnection(url); Statement st = c.createStatement()) {
            st.execute("DROP TABLE IF EXISTS _accounts_osc_old, _accounts_old");
            table.create(c, rows);
        }
        return table;
    }

    private double serverCopySeconds(String url) throws Exception {
        fresh(url);
        try (Connection c = DriverManager.getConnection(url); Statement st = c.createStatement()) {
            st.execute("DROP TABLE IF EXISTS accounts_copy");
            st.execute("CREATE TABLE accounts_copy LIKE accounts");
            long t0 = System.nanoTime();
            st.execute("INSERT INTO accounts_copy SELECT * FROM accounts");
            double s = (System.nanoTime() - t0) / 1e9;
            st.execute("DROP TABLE accounts_copy");
            return round(s);
        }
    }

    private RunResult osc(String url, Workload load) throws Exception {
        if (load == null) {
            fresh(url);
        }
        RunSettings settings = new RunSettings(url, null, null, TABLE, ALTER, true, Strategy.SHADOW, 0, Duration.ofMillis(500), true,
                RunSettings.DEFAULT_DIRECT_THRESHOLD_BYTES, Duration.ofMillis(1000), true, false, false, dev.osc.engine.run.RunSettings.DEFAULT_MAX_DIRECT_HOLD);
        return Engines.forUrl(url, System.err, Clock.systemUTC(), new RunProgress()).alter(settings);
    }

    private String ptOsc(EmbeddedMaria maria) throws Exception {
        PeerCommand command = new PtOscPeer().command(Path.of("pt-online-schema-change"),
                new PeerJob(PeerTarget.of(maria.url()), TABLE, ALTER, Duration.ofMillis(500)), Path.of(System.getProperty("java.io.tmpdir")));
        Process p = new ProcessBuilder(command.argv())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(Path.of("/tmp/osc-bench-ptosc.log").toFile()))
                .start();
        if (!p.waitFor(30, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new IllegalStateException("pt-online-schema-change did not finish in 30 minutes");
        }
        if (p.exitValue() != 0) {
            throw new IllegalStateException("pt-online-schema-change exited " + p.exitValue() + " (see /tmp/osc-bench-ptosc.log)");
        }
        return "triggers + chunked copy, see /tmp/osc-bench-ptosc.log";
    }

    private static void printTable(List<Figures> results) {
        System.out.println("| tool | total s | p50 ms | p99 ms | max ms | transactions | errors | deadlocks | differences | note |");
        System.out.println("| --- | --: | --: | --: | --: | --: | --: | --: | --: | --- |");
        for (Figures f : results) {
            System.out.printf(Locale.ROOT, "| %s | %.2f | %.1f | %.1f | %d | %d | %d | %d | %d | %s |%n", f.tool(), f.seconds(), f.p50(),
                    f.p99(), f.max(), f.transactions(), f.errors(), f.deadlocks(), f.differences(), f.note());
        }
    }

    private static double round(double v) {
        return Math.round(v * 100) / 100.0;
    }
}
