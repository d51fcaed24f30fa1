package dev.osc.cdc;

/** The change stream could not start, or stopped with an error. */
public class StreamException extends Exception {
    public StreamException(String message, Throwable cause) {
        super(message, cause);
    }

    public StreamException(String message) {
        super(message);
    }
}
