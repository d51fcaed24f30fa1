package dev.osc.cutover;

import java.time.Duration;

/** Waits for a given duration; injected so tests can simulate time instead of really sleeping. */
@FunctionalInterface
public interface Sleeper {

    /** Sleeps with {@link Thread#sleep}; zero or negative durations return at once. */
    Sleeper SYSTEM = duration -> {
        if (duration == null || duration.isZero() || duration.isNegative()) {
            return;
        }
        Thread.sleep(duration.toMillis(), duration.toNanosPart() % 1_000_000);
    };

    void sleep(Duration duration) throws InterruptedException;
}
