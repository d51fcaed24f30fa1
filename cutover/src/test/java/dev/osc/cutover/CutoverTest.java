package dev.osc.cutover;

import dev.osc.throttling.Sleeper;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class CutoverTest {

    private final FakeClock clock = new FakeClock();
    private final List<Duration> sleeps = new ArrayList<>();
    private final Sleeper sleeper = d -> {
        sleeps.add(d);
        clock.advance(d);
    };
    private final RetryPolicy noJitter = new RetryPolicy(5, Duration.ofMillis(50), Duration.ofSeconds(2), 0.0);
    private final Cutover cutover = new Cutover(noJitter, clock, sleeper, new SplittableRandom(1));

    @AfterEach
    void clearInterrupt() {
        Thread.interrupted();
    }

    @Test
    void runsTheStepsInOrderOnSuccess() throws Exception {
        RecordingSteps steps = new RecordingSteps();

        CutoverResult result = cutover.run(steps);

        assertThat(steps.calls).containsExactly("lock", "fence", "flush", "assertCaughtUp", "swap", "commit");
        assertThat(result.attempts()).isEqualTo(1);
        assertThat(sleeps).isEmpty();
    }

    @Test
    void retriesLockTimeoutsWithRollbackAndBackoff() throws Exception {
        RecordingSteps steps = new RecordingSteps().on("lock", call -> {
            if (call <= 2) {
                throw new RetriableCutoverException("lock wait timed out");
            }
        });

        CutoverResult result = cutover.run(steps);

        assertThat(result.attempts()).isEqualTo(3);
        assertThat(steps.count("rollback")).isEqualTo(2);
        assertThat(steps.calls).containsExactly(
                "lock", "rollback", "lock", "rollback",
                "lock", "fence", "flush", "assertCaughtUp", "swap", "commit");
        assertThat(sleeps).containsExactly(Duration.ofMillis(50), Duration.ofMillis(100));
    }

    @Test
    void fenceTimeoutIsRetriedToo() throws Exception {
        RecordingSteps steps = new RecordingSteps().on("fence", call -> {
            if (call == 1) {
                throw new RetriableCutoverException("fence marker did not come back in time");
            }
        });

        assertThat(cutover.run(steps).attempts()).isEqualTo(2);
        assertThat(steps.calls.subList(0, 3)).containsExactly("lock", "fence", "rollback");
    }

    @Test
    void nonRetriableFailureRollsBackAndFailsAtOnce() {
        IllegalStateException boom = new IllegalStateException("rename failed");
        RecordingSteps steps = new RecordingSteps().on("swap", call -> {
            throw boom;
        });

        assertThatThrownBy(() -> cutover.run(steps))
                .isInstanceOf(CutoverFailedException.class)
                .hasCause(boom)
                .hasMessageContaining("1 attempt")
                .hasMessageContaining("rename failed");
        assertThat(steps.calls).containsExactly("lock", "fence", "flush", "assertCaughtUp", "swap", "rollback");
        assertThat(steps.count("commit")).isZero();
        assertThat(sleeps).isEmpty();
    }

    @Test
    void givesUpAfterMaxAttemptsNamingTheCount() {
        RecordingSteps steps = new RecordingSteps().on("lock", call -> {
            throw new RetriableCutoverException("lock wait timed out");
        });

        assertThatThrownBy(() -> cutover.run(steps))
                .isInstanceOfSatisfying(CutoverFailedException.class, e -> assertThat(e.attempts()).isEqualTo(5))
                .hasMessageContaining("5 attempts")
                .hasMessageContaining("lock wait timed out")
                .hasCauseInstanceOf(RetriableCutoverException.class);
        assertThat(steps.count("lock")).isEqualTo(5);
        assertThat(steps.count("rollback")).isEqualTo(5);
        assertThat(sleeps).hasSize(4); // no backoff after the last attempt
        assertThat(sleeps).containsExactly(
                Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(200), Duration.ofMillis(400));
    }

    @Test
    void blockingWindowIsTheClockAdvanceBetweenLockAndCommit() throws Exception {
        RecordingSteps steps = new RecordingSteps()
                .advancing("lock", clock, Duration.ofSeconds(7)) // waiting for the lock is not blocking time
                .advancing("fence", clock, Duration.ofMillis(30))
                .advancing("flush", clock, Duration.ofMillis(12))
                .advancing("swap", clock, Duration.ofMillis(5))
                .advancing("commit", clock, Duration.ofMillis(3));

        CutoverResult result = cutover.run(steps);

        assertThat(result.blockingWindow()).isEqualTo(Duration.ofMillis(50));
    }

    @Test
    void blockingWindowIsMeasuredOnTheSuccessfulAttemptOnly() throws Exception {
        RecordingSteps steps = new RecordingSteps()
                .on("fence", call -> {
                    clock.advance(Duration.ofMillis(100));
                    if (call == 1) {
                        throw new RetriableCutoverException("fence timed out");
                    }
                });

        CutoverResult result = cutover.run(steps);

        assertThat(result.attempts()).isEqualTo(2);
        assertThat(result.blockingWindow()).isEqualTo(Duration.ofMillis(100));
    }

    @Test
    void failingRollbackIsAddedAsSuppressed() {
        IllegalStateException rollbackFailure = new IllegalStateException("connection gone");
        RecordingSteps steps = new RecordingSteps()
                .on("assertCaughtUp", call -> {
                    throw new IllegalStateException("3 changes still pending");
                })
                .on("rollback", call -> {
                    throw rollbackFailure;
                });

        assertThatThrownBy(() -> cutover.run(steps))
                .isInstanceOf(CutoverFailedException.class)
                .hasMessageContaining("3 changes still pending")
                .satisfies(e -> assertThat(e.getSuppressed()).containsExactly(rollbackFailure));
    }

    @Test
    void failingRollbackAfterRetriableFailureIsSuppressedAndRetryContinues() throws Exception {
        RecordingSteps steps = new RecordingSteps()
                .on("lock", call -> {
                    if (call == 1) {
                        throw new RetriableCutoverException("lock wait timed out");
                    }
                })
                .on("rollback", call -> {
                    throw new IllegalStateException("nothing to roll back");
                });

        assertThat(cutover.run(steps).attempts()).isEqualTo(2);
    }

    @Test
    void commitFailureIsNeverRetried() {
        RecordingSteps steps = new RecordingSteps().on("commit", call -> {
            throw new RetriableCutoverException("connection reset during commit");
        });

        assertThatThrownBy(() -> cutover.run(steps))
                .isInstanceOf(CutoverFailedException.class)
                .hasMessageContaining("1 attempt");
        assertThat(steps.count("commit")).isEqualTo(1);
        assertThat(steps.count("rollback")).isEqualTo(1);
    }

    @Test
    void interruptedBackoffRollsBackRestoresFlagAndThrows() {
        Cutover interrupted = new Cutover(noJitter, clock, d -> {
            throw new InterruptedException();
        }, new SplittableRandom(1));
        RecordingSteps steps = new RecordingSteps().on("lock", call -> {
            throw new RetriableCutoverException("lock wait timed out");
        });

        assertThatThrownBy(() -> interrupted.run(steps)).isInstanceOf(InterruptedException.class);
        assertThat(Thread.currentThread().isInterrupted()).isTrue();
        assertThat(steps.calls).containsExactly("lock", "rollback");
    }
}
