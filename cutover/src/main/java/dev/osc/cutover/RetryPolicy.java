package dev.osc.cutover;

import java.time.Duration;
import java.util.random.RandomGenerator;

/** How often to retry and how long to back off: exponential from initialBackoff, capped, with downward jitter. */
public record RetryPolicy(int maxAttempts, Duration initialBackoff, Duration maxBackoff, double jitter) {

    public RetryPolicy {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be >= 1, was " + maxAttempts);
        }
        if (initialBackoff == null || initialBackoff.isZero() || initialBackoff.isNegative()) {
            throw new IllegalArgumentException("initialBackoff must be > 0, was " + initialBackoff);
        }
        if (maxBackoff == null || maxBackoff.compareTo(initialBackoff) < 0) {
            throw new IllegalArgumentException(
                    "maxBackoff must be >= initialBackoff (" + initialBackoff + "), was " + maxBackoff);
        }
        if (!(jitter >= 0.0 && jitter <= 1.0)) {
            throw new IllegalArgumentException("jitter must be within [0, 1], was " + jitter);
        }
    }

    /** 10 attempts, 50 ms initial backoff, 2 s cap, 50% jitter. */
    public static RetryPolicy defaults() {
        return new RetryPolicy(10, Duration.ofMillis(50), Duration.ofSeconds(2), 0.5);
    }

    /**
     * The pause after failed attempt {@code attempt} (1-based): {@code initialBackoff * 2^(attempt-1)} capped at
     * {@code maxBackoff}, multiplied by a random factor in {@code [1 - jitter, 1]}.
     */
    public Duration backoff(int attempt, RandomGenerator random) {
        if (attempt < 1) {
            throw new IllegalArgumentException("attempt must be >= 1, was " + attempt);
        }
        Duration base = initialBackoff;
        for (int i = 1; i < attempt && base.compareTo(maxBackoff) < 0; i++) {
            base = base.multipliedBy(2);
        }
        if (base.compareTo(maxBackoff) > 0) {
            base = maxBackoff;
        }
        if (jitter == 0.0) {
            return base;
        }
        double factor = 1.0 - jitter * random.nextDouble();
        long nanos;
        try {
            nanos = base.toNanos();
        } catch (ArithmeticException overflow) {
            nanos = Long.MAX_VALUE;
        }
        return Duration.ofNanos((long) (nanos * factor));
    }
}
