package dev.osc.cutover;

import java.time.Duration;

/** Outcome of a successful cut-over: attempts used and how long writes were blocked on the successful attempt. */
public record CutoverResult(int attempts, Duration blockingWindow) {

    public CutoverResult {
        if (attempts < 1) {
            throw new IllegalArgumentException("attempts must be >= 1, was " + attempts);
        }
        if (blockingWindow == null || blockingWindow.isNegative()) {
            throw new IllegalArgumentException("blockingWindow must be a non-negative duration, was " + blockingWindow);
        }
    }
}
