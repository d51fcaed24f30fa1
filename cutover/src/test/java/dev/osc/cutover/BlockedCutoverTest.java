package dev.osc.cutover;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.osc.throttling.Sleeper;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** A cut-over whose lock another session keeps away, on a fake clock: named, waited for, ended or given up on. */
class BlockedCutoverTest {
    private static final Duration LOCK_WAIT = Duration.ofMillis(200);

    private final FakeClock clock = new FakeClock();
    private final List<Duration> sleeps = new ArrayList<>();
    private final Sleeper sleeper = d -> {
        sleeps.add(d);
        clock.advance(d);
    };
    private final List<String> log = new ArrayList<>();
    private final RetryPolicy unlimited = new RetryPolicy(Integer.MAX_VALUE, Duration.ofMillis(50), Duration.ofSeconds(2), 0.0);
    private final FakeBlockers blockers = new FakeBlockers();

    private Cutover cutover(Duration giveUpAfter, Duration terminateAfter) {
        return new Cutover(unlimited, new BlockerPolicy(giveUpAfter, terminateAfter), clock, sleeper, new SplittableRandom(1), log::add);
    }

    /** Each lock waits its timeout and fails while a blocker lives. */
    private RecordingSteps stepsBlockedWhileAlive() {
        RecordingSteps steps = new RecordingSteps().on("lock", call -> {
            if (!blockers.sessions.isEmpty()) {
                clock.advance(LOCK_WAIT);
                throw new RetriableCutoverException("lock on t not granted within 200 ms");
            }
        });
        steps.blockers = blockers;
        return steps;
    }

    @Test
    void givesUpAtTheTimeoutNamingTheBlocker() {
        blockers.sessions.add(new BlockingSession(4242, "app", "idle in transaction", Duration.ofMinutes(3), "SELECT count(*)\n FROM t", true));
        RecordingSteps steps = stepsBlockedWhileAlive();

        assertThatThrownBy(() -> cutover(Duration.ofSeconds(10), null).run(steps))
                .isInstanceOf(CutoverFailedException.class)
                .hasMessageContaining("cut-over gave up after")
                .hasMessageContaining("in 10200 ms")
                .hasMessageContaining("not granted")
                .hasMessageContaining("blocked by session 4242 (user app, idle in transaction, transaction open 180 s): SELECT count(*) FROM t");
        assertThat(clock.instant()).as("gave up after the attempt that began at the timeout")
                .isEqualTo(FakeClock.START.plusSeconds(10).plus(LOCK_WAIT));
        assertThat(steps.count("rollback")).isEqualTo(steps.count("lock"));
        assertThat(log).isNotEmpty().allMatch(line -> line.startsWith("blocked by session 4242"));
        assertThat(log).hasSize((int) steps.count("lock") - 1); // the last attempt is named in the failure
        assertThat(blockers.terminated).isEmpty();
    }

    @Test
    void terminatesTheBlockersAfterTheirTimeAndProceeds() throws Exception {
        blockers.sessions.add(new BlockingSession(7, "app", "idle in transaction", Duration.ofHours(1), "UPDATE t SET v = 1", true));
        RecordingSteps steps = stepsBlockedWhileAlive();

        CutoverResult result = cutover(Duration.ofSeconds(30), Duration.ofSeconds(2)).run(steps);

        assertThat(blockers.terminated).containsExactly(7L);
        assertThat(log).last().asString().startsWith("terminated session 7 (user app, idle in transaction, transaction open 3600 s): UPDATE t SET v = 1 after the lock was blocked for 2");
        assertThat(clock.instant()).as("ended as soon as the time came").isBefore(FakeClock.START.plusMillis(2000 + LOCK_WAIT.toMillis() + 1));
        assertThat(result.attempts()).isEqualTo((int) steps.count("lock"));
        assertThat(steps.calls).endsWith("lock", "fence", "flush", "assertCaughtUp", "swap", "commit");
    }

    @Test
    void neverTerminatesWhatMayNotBeEnded() {
        blockers.sessions.add(new BlockingSession(8, "app", "open transaction, possibly the holder", null, "", false));
        RecordingSteps steps = stepsBlockedWhileAlive();

        assertThatThrownBy(() -> cutover(Duration.ofSeconds(5), Duration.ofSeconds(1)).run(steps))
                .hasMessageContaining("blocked by session 8");
        assertThat(blockers.terminated).isEmpty();
    }

    @Test
    void aRefusedTerminationIsLoggedAndTheTimeoutStillHolds() {
        blockers.sessions.add(new BlockingSession(9, "other", "active", Duration.ofHours(1), "SELECT 1", true));
        blockers.refuse = true;
        RecordingSteps steps = stepsBlockedWhileAlive();

        assertThatThrownBy(() -> cutover(Duration.ofSeconds(5), Duration.ofSeconds(1)).run(steps))
                .isInstanceOf(CutoverFailedException.class).hasMessageContaining("blocked by session 9");
        assertThat(log).anyMatch(line -> line.equals("could not terminate session 9: permission denied"));
    }

    @Test
    void aShortTransactionSeenByChanceIsNeitherNamedNorEnded() {
        // a writer whose 5 ms transaction was open when the lock's holders were read did not keep the lock away
        blockers.sessions.add(new BlockingSession(10, "app", "active", Duration.ofMillis(5), "INSERT INTO t VALUES (1)", true));
        RecordingSteps steps = stepsBlockedWhileAlive();

        assertThatThrownBy(() -> cutover(Duration.ofSeconds(3), Duration.ofSeconds(1)).run(steps))
                .isInstanceOf(CutoverFailedException.class).message().doesNotContain("session 10");
        assertThat(log).isEmpty();
        assertThat(blockers.terminated).isEmpty();
    }

    @Test
    void aWriterWhoseTransactionIsYoungerThanTheWholeWaitIsNotEnded() {
        // read after an attempt let go of its lock request: a writer queued behind it holds a lock now, but its
        // 800 ms transaction outlasted one attempt, not the two seconds the cut-over has been blocked
        blockers.sessions.add(new BlockingSession(12, "app", "active", Duration.ofMillis(800), "UPDATE t SET v = 2", true));
        RecordingSteps steps = stepsBlockedWhileAlive();

        assertThatThrownBy(() -> cutover(Duration.ofSeconds(5), Duration.ofSeconds(2)).run(steps))
                .isInstanceOf(CutoverFailedException.class);
        assertThat(blockers.terminated).isEmpty();
    }

    @Test
    void aSessionOfUnknownAgeIsNamedButNotEnded() {
        blockers.sessions.add(new BlockingSession(11, "app", "Sleep", null, "", true));
        RecordingSteps steps = stepsBlockedWhileAlive();

        assertThatThrownBy(() -> cutover(Duration.ofSeconds(3), Duration.ofSeconds(1)).run(steps))
                .hasMessageContaining("blocked by session 11 (user app, Sleep)");
        assertThat(blockers.terminated).isEmpty();
    }

    @Test
    void aFailingLookupNamesNobodyButTheCutoverGoesOn() throws Exception {
        blockers.failLookup = true;
        RecordingSteps steps = new RecordingSteps().on("lock", call -> {
            if (call == 1) {
                throw new RetriableCutoverException("lock on t not granted within 200 ms");
            }
        });
        steps.blockers = blockers;

        assertThat(cutover(Duration.ofSeconds(5), null).run(steps).attempts()).isEqualTo(2);
        assertThat(log).containsExactly("cannot tell who blocks the lock: catalog unreadable");
    }

    @Test
    void aBlockerThatYieldsIsCancelledAfterTheFirstBlockedAttemptWhateverThePolicy() throws Exception {
        blockers.sessions.add(autovacuum(17782, "autovacuum: VACUUM public.t", true));
        RecordingSteps steps = stepsBlockedWhileAlive();

        CutoverResult result = cutover(Duration.ofSeconds(30), null).run(steps);

        assertThat(result.attempts()).isEqualTo(2);
        assertThat(blockers.cancelled).containsExactly(17782L);
        assertThat(blockers.terminated).isEmpty();
        assertThat(log).containsExactly(
                "blocked by session 17782 (user ?, autovacuum worker, transaction open 2000 ms): autovacuum: VACUUM public.t",
                "cancelled session 17782 (user ?, autovacuum worker, transaction open 2000 ms): autovacuum: VACUUM public.t: "
                        + "it gives way to a lock request that waits on it; the server runs it again later");
        assertThat(sleeps).as("the next attempt comes at once").isEmpty();
    }

    @Test
    void aRefusedCancelIsLoggedOnceAndTheBlockerWaitedForUntilTheTimeout() {
        blockers.sessions.add(autovacuum(17783, "autovacuum: VACUUM public.t", true));
        blockers.refuse = true;
        RecordingSteps steps = stepsBlockedWhileAlive();

        assertThatThrownBy(() -> cutover(Duration.ofSeconds(5), null).run(steps))
                .isInstanceOf(CutoverFailedException.class).hasMessageContaining("blocked by session 17783");
        assertThat(log.stream().filter(line -> line.startsWith("could not cancel"))).containsExactly(
                "could not cancel session 17783: permission denied; waiting for it to finish");
        assertThat(steps.count("lock")).isGreaterThan(2);
    }

    @Test
    void aYieldingBlockerStillInTheWayAfterItsCancelIsWaitedForWithBackoffNotCancelledAgain() {
        blockers.sessions.add(autovacuum(17785, "autovacuum: VACUUM public.t", true));
        blockers.ignoreCancel = true;
        RecordingSteps steps = stepsBlockedWhileAlive();

        assertThatThrownBy(() -> cutover(Duration.ofSeconds(5), null).run(steps)).isInstanceOf(CutoverFailedException.class);
        assertThat(blockers.cancelled).containsExactly(17785L);
        assertThat(log.stream().filter(line -> line.startsWith("cancelled"))).hasSize(1);
        assertThat(sleeps).as("backoff after the first cancel, as for any blocker").hasSize((int) steps.count("lock") - 2);
    }

    @Test
    void aBlockerThatDoesNotYieldIsNeverCancelled() {
        blockers.sessions.add(autovacuum(17784, "autovacuum: VACUUM public.t (to prevent wraparound)", false));
        RecordingSteps steps = stepsBlockedWhileAlive();

        assertThatThrownBy(() -> cutover(Duration.ofSeconds(3), Duration.ofSeconds(1)).run(steps))
                .isInstanceOf(CutoverFailedException.class);
        assertThat(blockers.cancelled).isEmpty();
        assertThat(blockers.terminated).isEmpty();
    }

    @Test
    void aQueryIsCutShortOnOneLine() {
        BlockingSession b = new BlockingSession(1, "u", "", null, "SELECT\n" + "x".repeat(500), true);

        assertThat(b.query()).hasSize(BlockingSession.QUERY_CHARS).startsWith("SELECT x").endsWith("...");
        assertThat(b.describe()).doesNotContain("\n");
    }

    /** An autovacuum worker two seconds into its transaction, never terminable; {@code yields} as the dialect would decide. */
    private static BlockingSession autovacuum(long id, String query, boolean yields) {
        return new BlockingSession(id, null, "autovacuum worker", Duration.ofSeconds(2), query, false, yields);
    }

    /** Blockers that a termination removes. */
    private static final class FakeBlockers implements BlockingSessions {
        final List<BlockingSession> sessions = new ArrayList<>();
        final List<Long> terminated = new ArrayList<>();
        final List<Long> cancelled = new ArrayList<>();
        boolean refuse;
        boolean failLookup;
        /** A cancel is signalled, but the session stays in the way. */
        boolean ignoreCancel;

        @Override
        public List<BlockingSession> find() throws Exception {
            if (failLookup) {
                throw new IllegalStateException("catalog unreadable");
            }
            return List.copyOf(sessions);
        }

        @Override
        public void terminate(BlockingSession session) throws Exception {
            if (refuse) {
                throw new IllegalStateException("permission denied");
            }
            terminated.add(session.id());
            sessions.remove(session);
        }

        @Override
        public boolean cancel(BlockingSession session) throws Exception {
            if (refuse) {
                throw new IllegalStateException("permission denied");
            }
            cancelled.add(session.id());
            if (!ignoreCancel) {
                sessions.remove(session);
            }
            return true;
        }
    }
}
