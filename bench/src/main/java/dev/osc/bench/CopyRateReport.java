package dev.osc.bench;

import dev.osc.engine.run.RunResult;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The copy-rate figures as a Markdown table and as JSON. */
final class CopyRateReport {
    static final List<String> HEADERS = List.of("rows", "INSERT…SELECT s", "osc copy s", "ratio (osc/server rate)",
            "osc total s", "checksum s", "blocking ms (idle)", "blocking ms (under load)", "writer max latency ms",
            "plain ALTER blocks s", "heap peak MiB");
    private static final String NONE = "–";
    private static final double MIB = 1024.0 * 1024.0;

    private CopyRateReport() {
    }

    static String markdown(List<SizeResult> results) {
        MarkdownTable table = new MarkdownTable(HEADERS);
        for (SizeResult r : results) {
            table.row(List.of(
                    String.format(Locale.ROOT, "%,d", r.rows()),
                    seconds(r.server().insertSelectMs()),
                    seconds(r.idle().copyMs()),
                    String.format(Locale.ROOT, "%.2f", r.ratio()),
                    seconds(r.idle().durationMs()),
                    seconds(r.idle().checksumMs()),
                    Long.toString(r.idle().cutoverBlockingMs()),
                    r.load() == null ? NONE : Long.toString(r.load().osc().cutoverBlockingMs()),
                    r.load() == null ? NONE : Long.toString(r.load().maxLatencyMs()),
                    seconds(r.server().plainAlterMs()),
                    String.format(Locale.ROOT, "%.1f", r.heapPeakBytes() / MIB)));
        }
        return table.render();
    }

    static String json(List<SizeResult> results, String target, int writers, int rate) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("benchmark", "copy-rate");
        root.put("server", target);
        root.put("alter", OscAlterRun.ALTER);
        root.put("writers", writers);
        root.put("ratePerSecond", rate);
        List<Object> sizes = new ArrayList<>();
        for (SizeResult r : results) {
            Map<String, Object> size = new LinkedHashMap<>();
            size.put("rows", r.rows());
            size.put("serverInsertSelectMs", r.server().insertSelectMs());
            size.put("serverRowsPerSecond", round(r.serverRowsPerSecond()));
            size.put("plainAlterBlockingMs", r.server().plainAlterMs());
            size.put("oscRowsPerSecond", round(r.oscRowsPerSecond()));
            size.put("ratio", Math.round(r.ratio() * 1000) / 1000.0);
            size.put("idle", osc(r.idle()));
            if (r.load() != null) {
                Map<String, Object> load = osc(r.load().osc());
                load.put("transactions", r.load().transactions());
                load.put("writerMaxLatencyMs", r.load().maxLatencyMs());
                load.put("writerErrors", r.load().errors().size());
                load.put("differences", r.load().differences());
                size.put("underLoad", load);
            }
            size.put("heapPeakMiB", round(r.heapPeakBytes() / MIB));
            sizes.add(size);
        }
        root.put("results", sizes);
        root.put("ok", results.stream().allMatch(SizeResult::loadRunClean));
        return RunResult.Json.write(root);
    }

    private static Map<String, Object> osc(OscRunFigures f) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("rowsCopied", f.rowsCopied());
        m.put("copyMs", f.copyMs());
        m.put("copyRowsPerSecond", round(f.copyRowsPerSecond()));
        m.put("durationMs", f.durationMs());
        m.put("checksumMs", f.checksumMs());
        m.put("checksum", f.checksum());
        m.put("cutoverBlockingMs", f.cutoverBlockingMs());
        m.put("heapPeakMiB", round(f.heapPeakBytes() / MIB));
        return m;
    }

    private static String seconds(long millis) {
        return String.format(Locale.ROOT, "%.2f", millis / 1000.0);
    }

    private static double round(double value) {
        return Math.round(value * 10) / 10.0;
    }
}
