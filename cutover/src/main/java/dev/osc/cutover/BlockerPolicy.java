package dev.osc.cutover;

import java.time.Duration;

/**
 * What a cut-over does while other sessions keep its lock away: retry until {@code giveUpAfter}
 * (null: only the retry policy's attempts bound it), and from {@code terminateAfter} on (null:
 * never) end the blockers that may be ended. Both count from the cut-over's first attempt.
 */
public record BlockerPolicy(Duration giveUpAfter, Duration terminateAfter) {

    /** Never gives up on time, never ends a session. */
    public static final BlockerPolicy PATIENT = new BlockerPolicy(null, null);

    /** What to do after a failed attempt. */
    public enum Action { RETRY, TERMINATE, GIVE_UP }

    public BlockerPolicy {
        if (giveUpAfter != null && !positive(giveUpAfter)) {
            throw new IllegalArgumentException("giveUpAfter must be > 0, was " + giveUpAfter);
        }
        if (terminateAfter != null && !positive(terminateAfter)) {
            throw new IllegalArgumentException("terminateAfter must be > 0, was " + terminateAfter);
        }
        if (giveUpAfter != null && terminateAfter != null && terminateAfter.compareTo(giveUpAfter) >= 0) {
            throw new IllegalArgumentException("terminateAfter (" + terminateAfter + ") must be shorter than giveUpAfter (" + giveUpAfter + ")");
        }
    }

    /** After {@code blockedFor} since the first attempt, with or without a blocker that may be ended. */
    public Action decide(Duration blockedFor, boolean anyTerminable) {
        if (giveUpAfter != null && blockedFor.compareTo(giveUpAfter) >= 0) {
            return Action.GIVE_UP;
        }
        if (terminateAfter != null && anyTerminable && blockedFor.compareTo(terminateAfter) >= 0) {
            return Action.TERMINATE;
        }
        return Action.RETRY;
    }

    /** The backoff, cut short so that the next attempt comes no later than the next decision point. */
    public Duration pause(Duration backoff, Duration blockedFor) {
        Duration pause = backoff;
        for (Duration point : new Duration[] {terminateAfter, giveUpAfter}) {
            if (point != null && point.compareTo(blockedFor) > 0) {
                Duration untilPoint = point.minus(blockedFor);
                if (untilPoint.compareTo(pause) < 0) {
                    pause = untilPoint;
                }
            }
        }
        return pause;
    }

    private static boolean positive(Duration d) {
        return !d.isNegative() && !d.isZero();
    }
}
