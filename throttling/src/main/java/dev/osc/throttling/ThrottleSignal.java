package dev.osc.throttling;

import java.util.Optional;

/**
 * One reason the copy may have to wait (a flag file, the server's load, the change stream's lag, the user's query).
 * Sampling may be slow (a query): a {@link Throttler} samples each signal on its own schedule and caches the answer.
 */
public interface ThrottleSignal {

    /** A short stable name ({@code flag-file}, {@code max-load}): the key the throttled time is counted under. */
    String name();

    /** Samples the signal now: the reason to throttle (naming what was measured), or empty when the copy may go on. */
    Optional<String> sample() throws Exception;
}
