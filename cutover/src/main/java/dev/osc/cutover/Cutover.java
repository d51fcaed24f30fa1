package dev.osc.cutover;

import dev.osc.throttling.Sleeper;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * Runs the swap as a short checked sequence (lock, fence, flush, assertCaughtUp, swap, commit), rolling back and
 * retrying with backoff when a step throws {@link RetriableCutoverException}.
 *
 * <p>Any other exception rolls back and fails at once. An exception from {@code commit()} is never retried, because
 * whether the swap became visible is then unknown. A failing rollback is attached as a suppressed exception.
 */
public final class Cutover {

    private final RetryPolicy policy;
    private final Clock clock;
    private final Sleeper sleeper;
    private final RandomGenerator random;

    public Cutover(RetryPolicy policy, Clock clock, Sleeper sleeper, RandomGenerator random) {
        this.policy = Objects.requireNonNull(policy, "policy");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
        this.random = Objects.requireNonNull(random, "random");
    }

    /** Performs the cut-over; the result's blocking window runs from lock() returning to commit() returning. */
    public CutoverResult run(CutoverSteps steps) throws CutoverFailedException, InterruptedException {
        Objects.requireNonNull(steps, "steps");
        for (int attempt = 1; ; attempt++) {
            boolean committing = false;
            try {
                steps.lock();
                Instant locked = clock.instant();
                steps.fence();
                steps.flush();
                steps.assertCaughtUp();
                steps.swap();
                committing = true;
                steps.commit();
                Instant committed = clock.instant();
                return new CutoverResult(attempt, nonNegative(Duration.between(locked, committed)));
            } catch (RetriableCutoverException e) {
                rollbackQuietly(steps, e);
                if (committing || attempt >= policy.maxAttempts()) {
                    throw new CutoverFailedException(attempt, e);
                }
                try {
                    sleeper.sleep(policy.backoff(attempt, random));
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    interrupted.addSuppressed(e);
                    throw interrupted;
                }
            } catch (InterruptedException e) {
                rollbackQuietly(steps, e);
                Thread.currentThread().interrupt();
                throw e;
            } catch (Exception e) {
                CutoverFailedException failed = new CutoverFailedException(attempt, e);
                rollbackQuietly(steps, failed);
                throw failed;
            } catch (Error e) {
                rollbackQuietly(steps, e);
                throw e;
            }
        }
    }

    private static void rollbackQuietly(CutoverSteps steps, Throwable primary) {
        try {
            steps.rollback();
        } catch (Exception rollbackFailure) {
            if (rollbackFailure instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            primary.addSuppressed(rollbackFailure);
        }
    }

    private static Duration nonNegative(Duration d) {
        return d.isNegative() ? Duration.ZERO : d;
    }
}
