package dev.osc.throttling;

import java.time.Duration;

/**
 * Start-up throttle configuration: row-rate cap (0 = unlimited), chunk time target and chunk size bounds.
 */
public record ThrottleSettings(
        long maxRowsPerSecond,
        Duration chunkTarget,
        int minChunkRows,
        int maxChunkRows,
        int initialChunkRows) {

    public ThrottleSettings {
        ThrottleLimits.checkMaxRowsPerSecond(maxRowsPerSecond);
        ThrottleLimits.checkChunkTarget(chunkTarget);
        if (minChunkRows < 1) {
            throw new IllegalArgumentException("minChunkRows must be >= 1, was " + minChunkRows);
        }
        if (maxChunkRows < minChunkRows) {
            throw new IllegalArgumentException("maxChunkRows must be >= minChunkRows (" + minChunkRows
                    + "), was " + maxChunkRows);
        }
        if (initialChunkRows < minChunkRows || initialChunkRows > maxChunkRows) {
            throw new IllegalArgumentException("initialChunkRows must be within [" + minChunkRows + ", "
                    + maxChunkRows + "], was " + initialChunkRows);
        }
    }

    /** Unlimited rate, 500 ms chunk target, chunks of 1,000..200,000 rows starting at 10,000. */
    public static ThrottleSettings defaults() {
        return new ThrottleSettings(0, Duration.ofMillis(500), 1_000, 200_000, 10_000);
    }
}
