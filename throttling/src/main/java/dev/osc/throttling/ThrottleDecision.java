package dev.osc.throttling;

/**
 * Whether the copy may go on; when not, the first signal (in the order they were given) that throttles, and its reason.
 *
 * @param signal the signal's name, null when not throttled
 * @param reason what it measured, null when not throttled
 */
public record ThrottleDecision(String signal, String reason) {
    public static final ThrottleDecision GO = new ThrottleDecision(null, null);

    public boolean throttled() {
        return signal != null;
    }
}
