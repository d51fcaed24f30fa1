package dev.osc.throttling;

/** A critical signal fired (the load reached {@code --critical-load}): the run must stop and remove what it made. */
public final class CriticalSignalException extends RuntimeException {
    public CriticalSignalException(String reason) {
        super(reason);
    }
}
