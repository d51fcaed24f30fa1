package dev.osc.bench;

import java.util.LinkedHashMap;
import java.util.Map;
import org.HdrHistogram.Histogram;

/** Count and p50/p99/p99.9/max of a latency histogram recorded in microseconds, reported in milliseconds. */
record LatencySummary(long count, double p50Ms, double p99Ms, double p999Ms, double maxMs) {
    static final LatencySummary NONE = new LatencySummary(0, 0, 0, 0, 0);

    static LatencySummary of(Histogram micros) {
        if (micros == null || micros.getTotalCount() == 0) {
            return NONE;
        }
        return new LatencySummary(micros.getTotalCount(), ms(micros.getValueAtPercentile(50)), ms(micros.getValueAtPercentile(99)),
                ms(micros.getValueAtPercentile(99.9)), ms(micros.getMaxValue()));
    }

    private static double ms(long micros) {
        return Math.round(micros / 10.0) / 100.0;
    }

    Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("count", count);
        m.put("p50Ms", p50Ms);
        m.put("p99Ms", p99Ms);
        m.put("p999Ms", p999Ms);
        m.put("maxMs", maxMs);
        return m;
    }
}
