package dev.osc.engine.run;

/**
 * The run stopped because the JVM is shutting down: its shutdown hook reports the outcome in one
 * line, so the command line prints nothing more for it.
 */
public final class RunInterrupted extends OscException {
    RunInterrupted(String message, Throwable cause) {
        super(ExitStatus.FAILED, message, cause);
    }
}
