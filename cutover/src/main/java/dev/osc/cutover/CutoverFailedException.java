package dev.osc.cutover;

/** The cut-over gave up; the message says after how many attempts and the last reason. */
public class CutoverFailedException extends Exception {

    private static final long serialVersionUID = 1L;

    private final int attempts;

    public CutoverFailedException(int attempts, Throwable lastCause) {
        this(attempts, lastCause, null, java.util.List.of());
    }

    /** Gave up while {@code blockers} kept the lock away; {@code blockedFor} is null when time was not the reason. */
    public CutoverFailedException(int attempts, Throwable lastCause, java.time.Duration blockedFor, java.util.List<BlockingSession> blockers) {
        super("cut-over gave up after " + attempts + (attempts == 1 ? " attempt" : " attempts")
                + (blockedFor == null ? "" : " in " + blockedFor.toMillis() + " ms")
                + "; last reason: " + describe(lastCause)
                + (blockers.isEmpty() ? "" : "; blocked by " + BlockingSession.describe(blockers)), lastCause);
        this.attempts = attempts;
    }

    /** How many attempts were made before giving up. */
    public int attempts() {
        return attempts;
    }

    private static String describe(Throwable cause) {
        if (cause == null) {
            return "unknown";
        }
        String message = cause.getMessage();
        return message == null || message.isBlank() ? cause.getClass().getName() : message;
    }
}
