package dev.osc.engine.run;

/**
 * The signal that is ending the process, as the command line heard it (SIGTERM, SIGINT); a run
 * stopped by the JVM's shutdown names it in its last line. Process-wide, as signals are.
 */
public final class ShutdownSignal {
    private static volatile String heard;
    private static volatile boolean hooked;
    private static final java.util.concurrent.atomic.AtomicInteger HOOKS = new java.util.concurrent.atomic.AtomicInteger();

    private ShutdownSignal() {
    }

    public static void heard(String signal) {
        heard = signal;
    }

    /** A run's shutdown hook was registered (+1) or removed (-1): while one is, its last line reports the signal. */
    static void hooks(int change) {
        if (change > 0) {
            hooked = true;
        }
        HOOKS.addAndGet(change);
    }

    /**
     * The line for a signal that no run's hook reports (osc was connecting or planning, which
     * changes nothing: the probe is rolled back or dropped), or null when a hook will.
     */
    public static String unreportedLine() {
        if (HOOKS.get() > 0) {
            return null;
        }
        // after a run has ended (its result being printed, the next file of a migration): it reported itself
        return "osc: interrupted (" + describe() + ")" + (hooked ? " after the run had ended" : " before anything was changed");
    }

    /** Whether a signal is ending the process. */
    static boolean wasHeard() {
        return heard != null;
    }

    /** {@code SIGTERM}, {@code SIGINT}, or what else ended the JVM. */
    static String describe() {
        String signal = heard;
        return signal == null ? "the JVM is shutting down" : signal;
    }
}
