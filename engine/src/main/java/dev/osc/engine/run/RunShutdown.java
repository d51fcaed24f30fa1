package dev.osc.engine.run;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * One run's end when the JVM shuts down under it (SIGTERM, Ctrl-C). The shutdown hook asks the
 * run to stop at its next safe point and waits for the run's own cleanup; if the run does not get
 * there within the grace period (a long statement), the hook forces it (closes what it waits on)
 * and cleans up itself. The cleanup happens once, whichever thread gets there first; the other
 * waits for it and gets the same outcome.
 */
final class RunShutdown {
    private final Supplier<String> cleanup;
    private final CountDownLatch cleaned = new CountDownLatch(1);
    private volatile String stoppedIn;
    private boolean done;
    private String outcome;

    /** {@code cleanup} removes what the run created and returns null, or what is left. */
    RunShutdown(Supplier<String> cleanup) {
        this.cleanup = cleanup;
    }

    /** At a safe point of the run: throws once a stop was asked for. */
    void stopIfAsked() {
        if (stoppedIn != null) {
            throw new RunInterrupted("interrupted (" + ShutdownSignal.describe() + ") during " + stoppedIn, null);
        }
    }

    boolean asked() {
        return stoppedIn != null;
    }

    /** The cleanup, done once: null when clean, else what is left. */
    synchronized String cleanupOnce() {
        if (!done) {
            try {
                outcome = cleanup.get();
            } finally {
                done = true;
                cleaned.countDown();
            }
        }
        return outcome;
    }

    /** Waits up to {@code limit} for the run's own cleanup; restores the interrupt flag if interrupted. */
    void awaitCleanup(Duration limit) {
        try {
            cleaned.await(limit.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * On the hook's thread: asks the run to stop (it is in {@code phase}), waits up to {@code grace}
     * for its cleanup, else runs {@code force} and cleans up; returns the cleanup's outcome.
     */
    String stop(String phase, Duration grace, Runnable force) throws InterruptedException {
        stoppedIn = phase;
        if (!cleaned.await(grace.toMillis(), TimeUnit.MILLISECONDS)) {
            force.run();
        }
        return cleanupOnce();
    }
}
