package dev.osc.engine.testkit;

import java.util.Arrays;

/**
 * Transaction latencies of a workload, kept (bounded) for percentiles: the maximum is exact, the
 * percentiles come from the first million samples.
 */
public final class LatencyRecorder implements Workload.LatencySink {
    private static final int MAX_SAMPLES = 1_000_000;
    private final long[] micros = new long[1024];
    private long[] samples = micros;
    private int count;
    private long max;

    @Override
    public void record(int operation, long dueNanos, long micros) {
        record(micros);
    }

    public synchronized void record(long latencyMicros) {
        max = Math.max(max, latencyMicros);
        if (count == samples.length) {
            if (samples.length >= MAX_SAMPLES) {
                return;
            }
            samples = Arrays.copyOf(samples, Math.min(MAX_SAMPLES, samples.length * 2));
        }
        samples[count++] = latencyMicros;
    }

    public synchronized long maxMillis() {
        return max / 1000;
    }

    /** The latency at or below which {@code percent} of the samples fall, in milliseconds with fraction. */
    public synchronized double percentileMillis(double percent) {
        if (count == 0) {
            return 0;
        }
        long[] sorted = Arrays.copyOf(samples, count);
        Arrays.sort(sorted);
        int index = (int) Math.min(count - 1, Math.max(0, Math.ceil(percent / 100.0 * count) - 1));
        return sorted[index] / 1000.0;
    }
}
