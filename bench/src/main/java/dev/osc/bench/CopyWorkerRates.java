package dev.osc.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * osc's copy rate against its number of copy workers ({@code bench run --copy-workers 1,2,4}):
 * one run per count, each on a freshly generated table under the same workload.
 */
final class CopyWorkerRates {

    /** One run with {@code workers} copy workers; {@code writes}: what the writers saw while it ran. */
    record Rate(int workers, String status, long rows, long copyMs, double seconds, long checksumMs, LatencySummary writes) {
        double copyRowsPerSecond() {
            return CopyRates.rowsPerSecond(rows, copyMs);
        }

        static Rate of(int workers, OscUnderLoad.Figures osc) {
            return new Rate(workers, osc.exit() == 0 ? "done" : "failed", number(osc.result().get("rowsCopied")),
                    number(osc.result().get("copyMs")), osc.seconds(), number(osc.result().get("checksumMs")),
                    osc.workload().writes().duringRun());
        }

        private static long number(Object value) {
            return value instanceof Number n ? n.longValue() : 0;
        }

        Map<String, Object> toMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("copyWorkers", workers);
            m.put("status", status);
            m.put("rowsCopied", rows);
            m.put("copySeconds", copyMs / 1000.0);
            m.put("copyRowsPerSecond", Math.round(copyRowsPerSecond()));
            m.put("seconds", ToolFigures.round(seconds));
            m.put("checksumSeconds", checksumMs / 1000.0);
            m.put("writesDuringRun", writes.toMap());
            return m;
        }
    }

    private final List<Rate> rates;

    CopyWorkerRates(List<Rate> rates) {
        this.rates = List.copyOf(rates);
    }

    List<Rate> rates() {
        return rates;
    }

    /** Each count's copy rate divided by the first count's (1.00 for the first). */
    Double speedup(Rate rate) {
        double first = rates.get(0).copyRowsPerSecond();
        return first <= 0 || rate.copyMs() <= 0 ? null : Math.round(rate.copyRowsPerSecond() / first * 100.0) / 100.0;
    }

    List<Object> toList() {
        List<Object> out = new ArrayList<>();
        for (Rate r : rates) {
            Map<String, Object> m = r.toMap();
            m.put("copyRateToFirst", speedup(r));
            out.add(m);
        }
        return out;
    }

    String markdown() {
        StringBuilder md = new StringBuilder("## Copy rate against copy workers\n\n");
        md.append("One osc run per count, each on a freshly generated table under the same workload.\n\n");
        MarkdownTable t = new MarkdownTable(List.of("copy workers", "status", "copy s", "copy rows/s", "÷ first", "total s",
                "checksum s", "write p99 / max ms"));
        for (Rate r : rates) {
            Double speedup = speedup(r);
            t.row(List.of(String.valueOf(r.workers()), r.status(), fmt(r.copyMs() / 1000.0),
                    String.format(Locale.ROOT, "%,d", Math.round(r.copyRowsPerSecond())),
                    speedup == null ? "—" : String.format(Locale.ROOT, "%.2f", speedup), fmt(r.seconds()), fmt(r.checksumMs() / 1000.0),
                    r.writes().count() > 0 ? fmt(r.writes().p99Ms()) + " / " + fmt(r.writes().maxMs()) : "—"));
        }
        md.append(t.render()).append('\n');
        return md.toString();
    }

    private static String fmt(double value) {
        return String.format(Locale.ROOT, "%,.2f", value);
    }
}
