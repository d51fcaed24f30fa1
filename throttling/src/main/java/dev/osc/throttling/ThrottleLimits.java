package dev.osc.throttling;

import java.time.Duration;

/** Validation rules shared by {@link ThrottleSettings} and {@link LiveThrottle}. */
final class ThrottleLimits {

    static final Duration MAX_CHUNK_TARGET = Duration.ofMinutes(1);

    private ThrottleLimits() {
    }

    static long checkMaxRowsPerSecond(long maxRowsPerSecond) {
        if (maxRowsPerSecond < 0) {
            throw new IllegalArgumentException(
                    "maxRowsPerSecond must be >= 0 (0 = unlimited), was " + maxRowsPerSecond);
        }
        return maxRowsPerSecond;
    }

    static Duration checkChunkTarget(Duration chunkTarget) {
        if (chunkTarget == null) {
            throw new IllegalArgumentException("chunkTarget must not be null");
        }
        if (chunkTarget.isZero() || chunkTarget.isNegative()) {
            throw new IllegalArgumentException("chunkTarget must be > 0, was " + chunkTarget);
        }
        if (chunkTarget.compareTo(MAX_CHUNK_TARGET) > 0) {
            throw new IllegalArgumentException(
                    "chunkTarget must be <= " + MAX_CHUNK_TARGET + ", was " + chunkTarget);
        }
        return chunkTarget;
    }
}
