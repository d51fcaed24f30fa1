package dev.osc.engine.run;

/**
 * The signal that is ending the process, as the command line heard it (SIGTERM, SIGINT); a run
 * stopped by the JVM's shutdown names it in its last line. Process-wide, as signals are.
 */
public final class ShutdownSignal {
    private static volatile String heard;

    private ShutdownSignal() {
    }

    public static void heard(String signal) {
        heard = signal;
    }

    /** {@code SIGTERM}, {@code SIGINT}, or what else ended the JVM. */
    static String describe() {
        String signal = heard;
        return signal == null ? "the JVM is shutting down" : signal;
    }
}
