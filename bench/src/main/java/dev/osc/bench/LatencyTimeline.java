package dev.osc.bench;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.DoubleSupplier;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * Latencies of one kind of transaction (writes, or reads) in HdrHistograms: over the whole run,
 * per phase (a transaction counts in every phase it overlapped, so one held up by the swap
 * counts "at the swap"), and per second for the chart.
 */
final class LatencyTimeline {
    private static final int DIGITS = 3;

    private final PhaseClock phases;
    private final ConcurrentHistogram total = new ConcurrentHistogram(DIGITS);
    private final ConcurrentHistogram duringRun = new ConcurrentHistogram(DIGITS);
    private final Map<Integer, ConcurrentHistogram> byPhase = new ConcurrentHashMap<>();
    private final Recorder interval = new Recorder(DIGITS);
    private Histogram recycled;

    LatencyTimeline(PhaseClock phases) {
        this.phases = phases;
    }

    /** One transaction that began (was due) in phase {@code startPhase} and took {@code micros}. */
    void record(int startPhase, long micros) {
        long value = Math.max(1, micros);
        total.recordValue(value);
        interval.recordValue(value);
        int endPhase = phases.current();
        boolean inRun = false;
        for (int p = Math.max(0, startPhase); p <= endPhase; p++) {
            byPhase.computeIfAbsent(p, k -> new ConcurrentHistogram(DIGITS)).recordValue(value);
            inRun |= PhaseClock.inRun(phases.name(p));
        }
        if (inRun) {
            duringRun.recordValue(value);
        }
    }

    /** The transactions that finished since the last tick, as one sample on the chart's timeline. */
    synchronized SecondSample tick(DoubleSupplier copiedFraction) {
        recycled = interval.getIntervalHistogram(recycled);
        double now = phases.secondsNow();
        LatencySummary s = LatencySummary.of(recycled);
        return new SecondSample(now, s.count(), s.p50Ms(), s.p99Ms(), s.maxMs(), copiedFraction.getAsDouble());
    }

    LatencySummary total() {
        return LatencySummary.of(total);
    }

    /**
     * The transactions that overlapped the tool's run (any phase but the baseline before it and the
     * period after it), each counted once: the figure that compares tools whatever their phases.
     */
    LatencySummary duringRun() {
        return LatencySummary.of(duringRun);
    }

    /** All transactions that overlapped any phase called {@code name}. */
    LatencySummary phase(String name) {
        Histogram merged = new Histogram(DIGITS);
        merged.setAutoResize(true);
        List<PhaseMark> marks = phases.marks();
        for (int i = 0; i < marks.size(); i++) {
            ConcurrentHistogram h = byPhase.get(i);
            if (h != null && marks.get(i).name().equals(name)) {
                merged.add(h);
            }
        }
        return LatencySummary.of(merged);
    }
}
