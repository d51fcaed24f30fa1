package dev.osc.bench;

import dev.osc.engine.run.RunResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The report of one {@code osc bench run}: {@code report.json} (every figure, the phases and the
 * per-second series), {@code report.md} (the summary side by side with the server's references)
 * and {@code latency.png} (write latency per second and copy progress, phases marked).
 */
final class BenchRunReport {
    static final String JSON = "report.json";
    static final String MARKDOWN = "report.md";
    static final String CHART = "latency.png";
    private static final double MIB = 1024.0 * 1024.0;

    private final FixtureTable table;
    private final ServerSettings server;
    private final String alter;
    private final WorkloadSpec load;
    private final ServerReferences.Figures refs;
    private final OscUnderLoad.Figures osc;
    private final PeerComparison peers;
    private final CopyWorkerRates copyWorkers;

    /**
     * {@code refs} is null when the references were skipped, {@code peers} when no peers were asked
     * for, {@code copyWorkers} (osc's copy rate for each count of copy workers) for one count.
     */
    BenchRunReport(FixtureTable table, ServerSettings server, String alter, WorkloadSpec load, ServerReferences.Figures refs,
                   OscUnderLoad.Figures osc, PeerComparison peers, CopyWorkerRates copyWorkers) {
        this.server = server;
        this.copyWorkers = copyWorkers;
        this.table = table;
        this.alter = alter;
        this.load = load;
        this.refs = refs;
        this.osc = osc;
        this.peers = peers;
    }

    /** Writes the three files into {@code dir} (created if missing). */
    void write(Path dir) throws IOException {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve(JSON), RunResult.Json.write(toMap()) + "\n");
        Files.writeString(dir.resolve(MARKDOWN), markdown());
        LatencyChart.write(dir.resolve(CHART), String.format(Locale.ROOT, "osc: %s (%,d rows) %s, %s", table.name(), table.rows(),
                database(), alter), osc.samples(), osc.phases().marks());
    }

    private String database() {
        return table.pg() ? "postgresql" : "mariadb";
    }

    Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("database", database());
        m.put("table", table.name());
        m.put("shape", table.shape().name().toLowerCase(Locale.ROOT));
        m.put("rows", table.rows());
        m.put("server", server.values());
        m.put("alter", alter);
        m.put("workload", workload());
        m.put("serverInsertSelect", refs == null ? null : Map.of("seconds", round(refs.insertSelectSeconds()),
                "rowsPerSecond", Math.round(refs.insertSelectRowsPerSecond())));
        m.put("plainAlter", plainAlter());
        m.put("osc", oscFigures());
        m.put("peers", peers == null ? null : peers.toMap());
        m.put("copyWorkers", copyWorkers == null ? null : copyWorkers.toList());
        m.put("writes", byPhase(osc.workload().writes()));
        m.put("reads", byPhase(osc.workload().reads()));
        Map<String, Object> oracle = new LinkedHashMap<>();
        oracle.put("kept", osc.oracleDifferences() != null || osc.oracleError() != null);
        oracle.put("differences", osc.oracleDifferences());
        oracle.put("error", osc.oracleError());
        m.put("oracle", oracle);
        List<Object> phases = new ArrayList<>();
        osc.phases().marks().forEach(p -> phases.add(Map.of("name", p.name(), "atSeconds", round(p.atSeconds()))));
        m.put("phases", phases);
        List<Object> seconds = new ArrayList<>();
        for (SecondSample s : osc.samples()) {
            Map<String, Object> one = new LinkedHashMap<>();
            one.put("t", round(s.atSeconds()));
            one.put("transactions", s.transactions());
            one.put("p50Ms", s.p50Ms());
            one.put("p99Ms", s.p99Ms());
            one.put("maxMs", s.maxMs());
            one.put("copied", Double.isNaN(s.copiedFraction()) ? null : round(s.copiedFraction()));
            seconds.add(one);
        }
        m.put("seconds", seconds);
        return m;
    }

    private Map<String, Object> workload() {
        FixtureLoad w = osc.workload();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("threads", load.threads());
        m.put("rate", load.rate());
        m.put("mix", load.mix().toString());
        m.put("baselineSeconds", load.baseline().toMillis() / 1000.0);
        m.put("transactions", w.transactions());
        Map<String, Object> ops = new LinkedHashMap<>();
        w.byOperation().forEach((op, n) -> ops.put(op.name().toLowerCase(Locale.ROOT), n));
        m.put("byOperation", ops);
        m.put("errors", w.errors());
        m.put("deadlocks", w.deadlocks());
        m.put("firstErrors", w.firstErrors());
        return m;
    }

    private Map<String, Object> plainAlter() {
        if (refs == null) {
            return null;
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("seconds", round(refs.plainAlterSeconds()));
        m.put("rowsPerSecond", Math.round(refs.rows() / Math.max(1e-3, refs.plainAlterSeconds())));
        m.put("writesBefore", refs.writesBefore().toMap());
        m.put("writesDuringAlter", refs.writesDuringAlter().toMap());
        m.put("readsDuringAlter", refs.readsDuringAlter().toMap());
        m.put("writerErrors", refs.errors());
        return m;
    }

    private Map<String, Object> oscFigures() {
        RunResult r = osc.result();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("status", osc.error() == null ? r.get("status") : "failed");
        m.put("exit", osc.exit());
        m.put("error", osc.error());
        m.put("totalSeconds", round(osc.seconds()));
        long rows = number(r, "rowsCopied");
        long copyMs = number(r, "copyMs");
        double copyRate = copyMs == 0 ? 0 : rows * 1000.0 / copyMs;
        m.put("rowsCopied", rows);
        m.put("copySeconds", copyMs / 1000.0);
        m.put("copyRowsPerSecond", Math.round(copyRate));
        m.put("copyRatioToInsertSelect", refs == null || refs.insertSelectRowsPerSecond() == 0 ? null
                : round(copyRate / refs.insertSelectRowsPerSecond()));
        // the server's INSERT ... SELECT fills a copy with its indexes; osc builds its secondary indexes after the copy
        long indexMs = number(r, "indexBuildMs");
        double withIndexes = copyMs + indexMs == 0 ? 0 : rows * 1000.0 / (copyMs + indexMs);
        m.put("copyWithIndexesRowsPerSecond", Math.round(withIndexes));
        m.put("copyWithIndexesRatioToInsertSelect", refs == null || refs.insertSelectRowsPerSecond() == 0 ? null
                : round(withIndexes / refs.insertSelectRowsPerSecond()));
        m.put("microsPerRow", rows == 0 ? null : round(osc.seconds() * 1e6 / rows));
        m.put("indexBuildSeconds", number(r, "indexBuildMs") / 1000.0);
        m.put("checksumSeconds", number(r, "checksumMs") / 1000.0);
        m.put("checksum", r.get("checksum"));
        m.put("changesApplied", number(r, "changesApplied"));
        m.put("cutoverBlockingMs", r.get("cutoverBlockingMs"));
        m.put("checksumBlockingMs", r.get("checksumBlockingMs"));
        m.put("streamLagMaxMs", number(r, "streamLagMaxMs"));
        m.put("throttledSeconds", number(r, "throttledMs") / 1000.0);
        m.put("heapPeakMiB", round(osc.heapPeakBytes() / MIB));
        m.put("heapPeakBaselineMiB", round(osc.heapPeakBaselineBytes() / MIB));
        return m;
    }

    private Map<String, Object> byPhase(LatencyTimeline t) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("before", t.phase("baseline").toMap());
        m.put("duringCopy", t.phase("copy").toMap());
        m.put("atSwap", t.phase("cutover").toMap());
        m.put("after", t.phase("after").toMap());
        m.put("whole", t.total().toMap());
        return m;
    }

    String markdown() {
        Map<String, Object> o = oscFigures();
        LatencyTimeline writes = osc.workload().writes();
        StringBuilder md = new StringBuilder();
        md.append(String.format(Locale.ROOT, "# osc bench run: `%s` (%s, %,d rows) on %s%n%n", table.name(),
                table.shape().name().toLowerCase(Locale.ROOT), table.rows(), database()));
        md.append(String.format(Locale.ROOT, "ALTER: `%s`. Workload: %d threads at %s, mix insert:update:delete:read %s. osc: %s%s.%n%n",
                alter, load.threads(), load.rate() == 0 ? "full speed" : load.rate() + " tx/s", load.mix(), o.get("status"),
                osc.error() == null ? "" : " (" + osc.error() + ")"));
        md.append("Server: ").append(server.line()).append(".\n\n");
        MarkdownTable t = new MarkdownTable(List.of("figure", "osc", "server reference"));
        t.row(List.of("copy rows/s", String.format(Locale.ROOT, "%,d", (Long) o.get("copyRowsPerSecond")),
                refs == null ? "skipped" : String.format(Locale.ROOT, "%,d (INSERT … SELECT)", Math.round(refs.insertSelectRowsPerSecond()))));
        t.row(List.of("copy rate ÷ INSERT … SELECT (with index builds)", o.get("copyRatioToInsertSelect") == null ? "—"
                : fmt((Double) o.get("copyRatioToInsertSelect")) + " (" + fmt((Double) o.get("copyWithIndexesRatioToInsertSelect")) + ")", "1.00"));
        t.row(List.of("total time s", fmt(osc.seconds()), refs == null ? "skipped" : fmt(refs.plainAlterSeconds()) + " (plain ALTER)"));
        t.row(List.of("time per row µs", o.get("microsPerRow") == null ? "—" : fmt((Double) o.get("microsPerRow")),
                refs == null ? "skipped" : fmt(refs.plainAlterSeconds() * 1e6 / Math.max(1, refs.rows()))));
        t.row(List.of("writers blocked ms", o.get("cutoverBlockingMs") + " (swap)"
                        + (o.get("checksumBlockingMs") == null ? "" : " + " + o.get("checksumBlockingMs") + " (checksum snapshot)"),
                refs == null ? "skipped" : String.format(Locale.ROOT, "%,d (whole ALTER)", Math.round(refs.plainAlterSeconds() * 1000))));
        t.row(List.of("write p50 / p99 / max ms, before", triple(writes.phase("baseline")), refs == null ? "skipped" : triple(refs.writesBefore())));
        t.row(List.of("write p50 / p99 / max ms, during copy", triple(writes.phase("copy")),
                refs == null ? "skipped" : triple(refs.writesDuringAlter()) + " (during ALTER)"));
        t.row(List.of("write p50 / p99 / max ms, at the swap", triple(writes.phase("cutover")), "—"));
        t.row(List.of("changes applied", String.format(Locale.ROOT, "%,d", (Long) o.get("changesApplied")), "—"));
        t.row(List.of("stream lag max ms", String.format(Locale.ROOT, "%,d", (Long) o.get("streamLagMaxMs")), "—"));
        t.row(List.of("throttled s", fmt((Double) o.get("throttledSeconds")), "—"));
        t.row(List.of("checksum", String.valueOf(o.get("checksum")).split(":")[0] + " (" + fmt((Double) o.get("checksumSeconds")) + " s)", "none"));
        t.row(List.of("JVM heap peak MiB (baseline)", fmt(osc.heapPeakBytes() / MIB) + " (" + fmt(osc.heapPeakBaselineBytes() / MIB) + ")",
                "— (server side)"));
        t.row(List.of("writer errors (deadlocks)", osc.workload().errors() + " (" + osc.workload().deadlocks() + ")",
                refs == null ? "skipped" : String.valueOf(refs.errors())));
        t.row(List.of("oracle", oracleText(), "—"));
        md.append(t.render()).append('\n');
        md.append("Latencies count from when a transaction was due (no coordinated omission); a transaction counts in every phase it overlapped.\n\n");
        md.append("![write latency and copy progress](").append(CHART).append(")\n\n");
        MarkdownTable phases = new MarkdownTable(List.of("phase", "starts at s"));
        osc.phases().marks().forEach(p -> phases.row(List.of(p.name(), fmt(p.atSeconds()))));
        md.append(phases.render());
        if (copyWorkers != null) {
            md.append('\n').append(copyWorkers.markdown());
        }
        if (peers != null) {
            md.append('\n').append(peers.markdown());
        }
        return md.toString();
    }

    private String oracleText() {
        if (osc.oracleError() != null) {
            return "not compared: " + osc.oracleError();
        }
        if (osc.oracleDifferences() == null) {
            return "not kept";
        }
        return osc.oracleDifferences() == 0 ? "equal" : osc.oracleDifferences() + " rows differ";
    }

    private static String triple(LatencySummary s) {
        return s.count() == 0 ? "—" : fmt(s.p50Ms()) + " / " + fmt(s.p99Ms()) + " / " + fmt(s.maxMs());
    }

    private static String fmt(double value) {
        return String.format(Locale.ROOT, "%,.2f", value);
    }

    private static double round(double value) {
        return Math.round(value * 1000.0) / 1000.0;
    }

    private static long number(RunResult r, String key) {
        return r.get(key) instanceof Number n ? n.longValue() : 0;
    }
}
