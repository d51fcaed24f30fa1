package dev.osc.cutover;

import dev.osc.throttling.Sleeper;
import java.util.Objects;
import java.util.function.Predicate;
import java.util.random.RandomGenerator;

/** Runs an action again while its failure is retriable, backing off between attempts per a {@link RetryPolicy}. */
public final class Retrier {

    /** One try of the retried action; {@code attemptNumber} starts at 1. */
    @FunctionalInterface
    public interface Attempt<T> {
        T run(int attemptNumber) throws Exception;
    }

    private final RetryPolicy policy;
    private final Sleeper sleeper;
    private final RandomGenerator random;

    public Retrier(RetryPolicy policy, Sleeper sleeper, RandomGenerator random) {
        this.policy = Objects.requireNonNull(policy, "policy");
        this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
        this.random = Objects.requireNonNull(random, "random");
    }

    /**
     * Calls {@code attempt} until it succeeds, rethrowing its exception when {@code retriable} rejects it or the
     * attempts are exhausted. An {@link InterruptedException} (from the attempt or the backoff) is never retried: the
     * interrupt flag is restored and it is thrown.
     */
    public <T> T call(Attempt<T> attempt, Predicate<Exception> retriable) throws Exception {
        Objects.requireNonNull(attempt, "attempt");
        Objects.requireNonNull(retriable, "retriable");
        for (int n = 1; ; n++) {
            try {
                return attempt.run(n);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw e;
            } catch (Exception e) {
                if (n >= policy.maxAttempts() || !retriable.test(e)) {
                    throw e;
                }
                try {
                    sleeper.sleep(policy.backoff(n, random));
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    interrupted.addSuppressed(e);
                    throw interrupted;
                }
            }
        }
    }
}
