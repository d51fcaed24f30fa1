package dev.osc.cutover;

import dev.osc.throttling.Sleeper;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.random.RandomGenerator;

/**
 * Runs the swap as a short checked sequence (lock, fence, flush, assertCaughtUp, swap, commit), rolling back and
 * retrying with backoff when a step throws {@link RetriableCutoverException}.
 *
 * <p>Any other exception rolls back and fails at once. An exception from {@code commit()} is never retried, because
 * whether the swap became visible is then unknown. A failing rollback is attached as a suppressed exception.
 *
 * <p>After each failed attempt the steps' {@link CutoverSteps#blockers() blockers} are named on the log; the
 * {@link BlockerPolicy} decides on the time since the first attempt whether to retry, end the blockers and retry at
 * once, or give up naming them.
 */
public final class Cutover {

    private final RetryPolicy policy;
    private final Clock clock;
    private final Sleeper sleeper;
    private final RandomGenerator random;
    private final BlockerPolicy blockerPolicy;
    private final Consumer<String> log;
    private final YieldingBlockers yielding = new YieldingBlockers();

    public Cutover(RetryPolicy policy, Clock clock, Sleeper sleeper, RandomGenerator random) {
        this(policy, BlockerPolicy.PATIENT, clock, sleeper, random, line -> { });
    }

    /** {@code log} receives one line per finding: who blocked an attempt, who was ended. */
    public Cutover(RetryPolicy policy, BlockerPolicy blockerPolicy, Clock clock, Sleeper sleeper, RandomGenerator random,
                   Consumer<String> log) {
        this.policy = Objects.requireNonNull(policy, "policy");
        this.blockerPolicy = Objects.requireNonNull(blockerPolicy, "blockerPolicy");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
        this.random = Objects.requireNonNull(random, "random");
        this.log = Objects.requireNonNull(log, "log");
    }

    /** Performs the cut-over; the result's blocking window runs from lock() returning to commit() returning. */
    public CutoverResult run(CutoverSteps steps) throws CutoverFailedException, InterruptedException {
        Objects.requireNonNull(steps, "steps");
        Instant started = clock.instant();
        for (int attempt = 1; ; attempt++) {
            Instant attemptStarted = clock.instant();
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
                if (committing) {
                    throw new CutoverFailedException(attempt, e);
                }
                Duration pause = afterBlockedAttempt(steps, e, attempt, started, attemptStarted);
                try {
                    if (!pause.isZero()) {
                        sleeper.sleep(pause);
                    }
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

    /**
     * After a retriable failure: names the blockers that outlasted the attempt, then gives up
     * (throws), or ends them and returns zero (the next attempt at once), or returns the backoff.
     */
    private Duration afterBlockedAttempt(CutoverSteps steps, RetriableCutoverException e, int attempt, Instant started,
                                         Instant attemptStarted) throws CutoverFailedException {
        Instant now = clock.instant();
        Duration attemptTook = nonNegative(Duration.between(attemptStarted, now));
        List<BlockingSession> blockers = find(steps.blockers()).stream().filter(b -> b.heldThrough(attemptTook)).toList();
        Duration blockedFor = nonNegative(Duration.between(started, now));
        BlockerPolicy.Action action = blockerPolicy.decide(blockedFor, blockers.stream().anyMatch(b -> mayEnd(b, blockedFor)));
        if (action == BlockerPolicy.Action.GIVE_UP) {
            throw new CutoverFailedException(attempt, e, blockedFor, blockers);
        }
        if (attempt >= policy.maxAttempts()) {
            throw new CutoverFailedException(attempt, e, null, blockers);
        }
        if (!blockers.isEmpty()) {
            log.accept("blocked by " + BlockingSession.describe(blockers));
        }
        if (yielding.cancel(steps.blockers(), blockers, log)) {
            return Duration.ZERO;
        }
        if (action == BlockerPolicy.Action.TERMINATE && terminate(steps.blockers(), blockers, blockedFor)) {
            return Duration.ZERO;
        }
        return blockerPolicy.pause(policy.backoff(attempt, random), blockedFor);
    }

    /**
     * Ended only when its transaction has been open for as long as the cut-over has been blocked:
     * the blockers are read after an attempt let go of its lock request, when writers queued
     * behind it get their locks; their transactions are younger than the whole wait.
     */
    private static boolean mayEnd(BlockingSession b, Duration blockedFor) {
        return b.mayEnd() && b.transactionAge().compareTo(blockedFor) >= 0;
    }

    /** The blockers as the dialect sees them; a lookup that fails names nobody (the attempt's own reason still says why). */
    private List<BlockingSession> find(BlockingSessions sessions) {
        try {
            return sessions.find();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return List.of();
        } catch (Exception e) {
            log.accept("cannot tell who blocks the lock: " + describe(e));
            return List.of();
        }
    }

    /** Ends each blocker that may be ended, logged with its query; true when at least one was ended. */
    private boolean terminate(BlockingSessions sessions, List<BlockingSession> blockers, Duration blockedFor) {
        boolean any = false;
        for (BlockingSession b : blockers) {
            if (!mayEnd(b, blockedFor)) {
                continue;
            }
            try {
                sessions.terminate(b);
                log.accept("terminated " + b.describe() + " after the lock was blocked for " + blockedFor.toMillis() + " ms");
                any = true;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return any;
            } catch (Exception e) {
                log.accept("could not terminate session " + b.id() + ": " + describe(e));
            }
        }
        return any;
    }

    /** The first line of {@code e}'s message, or its class's name. */
    static String describe(Exception e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().lines().findFirst().orElse("");
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
