package dev.osc.cutover;

/** A cut-over step failed in a way worth another attempt (e.g. the lock wait or the fence timed out). */
public class RetriableCutoverException extends Exception {

    private static final long serialVersionUID = 1L;

    public RetriableCutoverException(String message) {
        super(message);
    }

    public RetriableCutoverException(String message, Throwable cause) {
        super(message, cause);
    }
}
