package dev.osc.engine.run;

/** A failure with a one-line message for the operator and the exit status it maps to. */
public class OscException extends RuntimeException {
    private final ExitStatus status;

    public OscException(ExitStatus status, String message) {
        super(message);
        this.status = status;
    }

    public OscException(ExitStatus status, String message, Throwable cause) {
        super(message, cause);
        this.status = status;
    }

    public ExitStatus status() {
        return status;
    }

    /**
     * How a data error found while the change runs begins (exit 3 on every path, like the same
     * finding before the copy): the database's message follows.
     */
    public static final String DATA_REJECTS_CHANGE = "the data would violate the change: ";

    public static OscException badInput(String message) {
        return new OscException(ExitStatus.BAD_INPUT, message);
    }

    public static OscException refused(String message) {
        return new OscException(ExitStatus.REFUSED, message);
    }

    public static OscException failed(String message, Throwable cause) {
        return new OscException(ExitStatus.FAILED, message, cause);
    }
}
