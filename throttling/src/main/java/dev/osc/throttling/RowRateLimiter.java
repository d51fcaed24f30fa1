package dev.osc.throttling;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * Blocks callers so the long-run row rate stays at or below the live {@code maxRowsPerSecond}, with a burst of at
 * most one second of rows. A manual pause is not the limiter's: it is a throttle signal ({@link PauseSignal}), so
 * that the copy loop keeps applying changes while paused.
 *
 * <p>Uses the generic cell-rate algorithm: a "theoretical arrival time" advances by {@code rows / rate} per
 * acquire and a caller may proceed once it is at most one second ahead of the clock. The limit is re-read on every
 * call and on every wake-up, so live changes apply at once. Callers are served one at a time.
 */
public final class RowRateLimiter {

    /** Longest single sleep while rate limiting, so rate changes are noticed during a long wait. */
    static final Duration MAX_RATE_SLEEP = Duration.ofSeconds(1);
    /** Burst tolerance: how far ahead of the clock the schedule may run. */
    static final Duration BURST = Duration.ofSeconds(1);

    private static final double NANOS_PER_SECOND = 1_000_000_000d;

    private final Clock clock;
    private final Sleeper sleeper;
    private final LiveThrottle throttle;

    /** Theoretical arrival time of the next row; null when there is no schedule (start, or unlimited). */
    private Instant scheduledUntil;
    private volatile long throttledNanos;

    public RowRateLimiter(Clock clock, Sleeper sleeper, LiveThrottle throttle) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
        this.throttle = Objects.requireNonNull(throttle, "throttle");
    }

    /** Waits (through the sleeper) until {@code rows} more rows may be processed. */
    public synchronized void acquire(long rows) throws InterruptedException {
        if (rows < 0) {
            throw new IllegalArgumentException("rows must be >= 0, was " + rows);
        }
        Instant start = clock.instant();
        boolean waited = false;
        Instant base = null; // where this acquire's rows start in the schedule
        try {
            while (true) {
                long limit = throttle.maxRowsPerSecond();
                if (limit == 0) {
                    scheduledUntil = null;
                    return;
                }
                Instant now = clock.instant();
                if (base == null) {
                    base = scheduledUntil == null || scheduledUntil.isBefore(now) ? now : scheduledUntil;
                }
                Instant next = base.plus(cost(rows, limit));
                Instant allowedAt = next.minus(BURST);
                if (!now.isBefore(allowedAt)) {
                    scheduledUntil = next;
                    return;
                }
                waited = true;
                Duration wait = Duration.between(now, allowedAt);
                sleeper.sleep(wait.compareTo(MAX_RATE_SLEEP) > 0 ? MAX_RATE_SLEEP : wait);
            }
        } finally {
            if (waited) {
                Duration spent = Duration.between(start, clock.instant());
                if (!spent.isNegative()) {
                    throttledNanos = saturatingAdd(throttledNanos, saturatingNanos(spent));
                }
            }
        }
    }

    /**
     * At most one second of rows at the live limit (all of {@code rows} when unlimited): a chunk that size waits at most
     * about a second here, so a changed limit takes effect at the next chunk and changes are applied in between.
     */
    public int cap(int rows) {
        long limit = throttle.maxRowsPerSecond();
        return limit == 0 || rows <= limit ? rows : (int) Math.max(1, limit);
    }

    /** Total time this limiter made callers wait, as measured by the clock. */
    public Duration throttledTime() {
        return Duration.ofNanos(throttledNanos);
    }

    private static Duration cost(long rows, long rowsPerSecond) {
        double nanos = rows * NANOS_PER_SECOND / rowsPerSecond;
        return Duration.ofNanos(nanos >= Long.MAX_VALUE ? Long.MAX_VALUE : Math.round(nanos));
    }

    private static long saturatingNanos(Duration d) {
        try {
            return d.toNanos();
        } catch (ArithmeticException overflow) {
            return Long.MAX_VALUE;
        }
    }

    private static long saturatingAdd(long a, long b) {
        long sum = a + b;
        return ((a ^ sum) & (b ^ sum)) < 0 ? Long.MAX_VALUE : sum;
    }
}
