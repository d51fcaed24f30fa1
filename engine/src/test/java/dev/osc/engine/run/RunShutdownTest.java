package dev.osc.engine.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The shared once-only cleanup of a run and its shutdown hook, on threads, without a database. */
class RunShutdownTest {
    private final AtomicInteger cleanups = new AtomicInteger();
    private final CountDownLatch cleanupEntered = new CountDownLatch(1);
    private final CountDownLatch cleanupMayEnd = new CountDownLatch(1);

    private RunShutdown slowCleanup() {
        return new RunShutdown(() -> {
            cleanups.incrementAndGet();
            cleanupEntered.countDown();
            try {
                cleanupMayEnd.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return "slot left";
        });
    }

    @Test
    void theRunStopsAtItsSafePointOnlyOnceAsked() {
        RunShutdown shutdown = new RunShutdown(() -> null);
        shutdown.stopIfAsked();
        assertThat(shutdown.asked()).isFalse();
        CompletableFuture.runAsync(() -> {
            try {
                shutdown.stop("copy", Duration.ofSeconds(10), () -> { });
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5)).until(shutdown::asked);
        assertThatThrownBy(shutdown::stopIfAsked).isInstanceOf(RunInterrupted.class).hasMessageContaining("during copy");
        assertThat(shutdown.cleanupOnce()).isNull();
    }

    /** The run's thread is cleaning up when the hook comes: the hook waits for that cleanup, never runs a second one. */
    @Test
    void theHookWaitsForTheCleanupTheRunIsDoingAndGetsItsOutcome() throws Exception {
        RunShutdown shutdown = slowCleanup();
        CompletableFuture<String> run = CompletableFuture.supplyAsync(shutdown::cleanupOnce);
        assertThat(cleanupEntered.await(5, TimeUnit.SECONDS)).isTrue();
        AtomicInteger forced = new AtomicInteger();
        CompletableFuture<String> hook = CompletableFuture.supplyAsync(() -> {
            try {
                return shutdown.stop("copy", Duration.ofMillis(50), forced::incrementAndGet);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> forced.get() == 1);
        assertThat(hook).as("the hook waits while the cleanup goes").isNotDone();
        cleanupMayEnd.countDown();
        assertThat(hook.get(5, TimeUnit.SECONDS)).isEqualTo("slot left");
        assertThat(run.get(5, TimeUnit.SECONDS)).isEqualTo("slot left");
        assertThat(cleanups).hasValue(1);
    }

    /** The run never reaches a safe point (a long statement): after the grace the hook forces it and cleans up itself, once. */
    @Test
    void aStuckRunIsForcedAfterTheGraceAndTheHookCleansUpOnce() throws Exception {
        RunShutdown shutdown = new RunShutdown(() -> {
            cleanups.incrementAndGet();
            return null;
        });
        AtomicInteger forced = new AtomicInteger();
        assertThat(shutdown.stop("indexes", Duration.ofMillis(50), forced::incrementAndGet)).isNull();
        assertThat(forced).hasValue(1);
        assertThat(shutdown.cleanupOnce()).as("the run's own cleanup later").isNull();
        assertThat(cleanups).hasValue(1);
    }

    /** The run cleaned up before the grace ran out: nothing is forced. */
    @Test
    void aRunThatCleansUpInTimeIsNotForced() throws Exception {
        RunShutdown shutdown = new RunShutdown(() -> {
            cleanups.incrementAndGet();
            return null;
        });
        shutdown.cleanupOnce();
        AtomicInteger forced = new AtomicInteger();
        assertThat(shutdown.stop("copy", Duration.ofSeconds(10), forced::incrementAndGet)).isNull();
        assertThat(forced).hasValue(0);
        assertThat(cleanups).hasValue(1);
    }
}
