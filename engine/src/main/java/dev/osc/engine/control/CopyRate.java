package dev.osc.engine.control;

import java.time.Clock;
import java.time.Duration;

/**
 * The copy's average rate since its first chunk began (chunks land in steps: a per-second rate
 * would read 0 between them), up to now while the copy goes, up to its last chunk after.
 */
final class CopyRate {
    private final Clock clock;
    private long startMillis = -1;
    private long lastMillis;

    CopyRate(Clock clock) {
        this.clock = clock;
    }

    /** A chunk that took {@code took} ended now. */
    synchronized void chunk(Duration took) {
        long now = clock.millis();
        if (startMillis < 0) {
            startMillis = now - took.toMillis();
        }
        lastMillis = now;
    }

    /** Rows per second over {@code rows} copied by this run (not those of a run it resumed); 0 before the first chunk. */
    synchronized long rowsPerSecond(long rows, boolean copying) {
        if (startMillis < 0) {
            return 0;
        }
        long end = copying ? clock.millis() : lastMillis;
        return Math.round(rows * 1000.0 / Math.max(1, end - startMillis));
    }
}
