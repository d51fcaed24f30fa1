package dev.osc.throttling;

import java.time.Duration;
import java.util.Arrays;
import java.util.Objects;

/**
 * Time-target chunk sizing (in the style of Spirit): picks the next chunk size so a chunk takes about the live
 * chunk target, based on the recent per-row times.
 *
 * <p>Rules: the last {@value #WINDOW} observations are kept; the estimate is the 90th percentile of time per row
 * (i.e. the pessimistic throughput that 90% of recent chunks reached), so slow outliers pull the size down; the size
 * grows at most 1.5x per step; a chunk that took more than 5x the target cuts the size to a tenth at once; the size
 * always stays within [minChunkRows, maxChunkRows]. Thread-safe.
 */
public final class ChunkSizer {

    static final int WINDOW = 10;
    static final double MAX_GROWTH = 1.5;
    static final long PANIC_FACTOR = 5;
    static final int PANIC_DIVISOR = 10;

    private final ThrottleSettings settings;
    private final LiveThrottle throttle;
    private final double[] nanosPerRow = new double[WINDOW];
    private int observations;
    private int nextSlot;
    private int current;

    public ChunkSizer(ThrottleSettings settings, LiveThrottle throttle) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.throttle = Objects.requireNonNull(throttle, "throttle");
        this.current = settings.initialChunkRows();
    }

    /** The number of rows the next chunk should have. */
    public synchronized int nextChunkRows() {
        return current;
    }

    /** Records that a chunk of {@code rows} rows took {@code took}, and recomputes the next chunk size. */
    public synchronized void record(int rows, Duration took) {
        if (rows < 0) {
            throw new IllegalArgumentException("rows must be >= 0, was " + rows);
        }
        if (took == null || took.isNegative()) {
            throw new IllegalArgumentException("took must be a non-negative duration, was " + took);
        }
        if (rows == 0) {
            return; // nothing learned from an empty chunk
        }
        long tookNanos = Math.max(1, saturatingNanos(took));
        nanosPerRow[nextSlot] = (double) tookNanos / rows;
        nextSlot = (nextSlot + 1) % WINDOW;
        observations = Math.min(observations + 1, WINDOW);

        long targetNanos = throttle.chunkTarget().toNanos();
        if (tookNanos > targetNanos * PANIC_FACTOR) {
            current = clamp(current / PANIC_DIVISOR);
            return;
        }
        double aimed = targetNanos / p90NanosPerRow();
        long growthCap = Math.max((long) current + 1, (long) Math.floor(current * MAX_GROWTH));
        current = clamp((long) Math.min(Math.floor(aimed), growthCap));
    }

    private double p90NanosPerRow() {
        double[] sorted = Arrays.copyOf(nanosPerRow, observations);
        Arrays.sort(sorted);
        int index = (int) Math.ceil(0.9 * sorted.length) - 1; // nearest-rank
        return sorted[Math.max(0, index)];
    }

    private int clamp(long rows) {
        return (int) Math.max(settings.minChunkRows(), Math.min(settings.maxChunkRows(), rows));
    }

    private static long saturatingNanos(Duration d) {
        try {
            return d.toNanos();
        } catch (ArithmeticException overflow) {
            return Long.MAX_VALUE;
        }
    }
}
