package dev.osc.engine.orchestrator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.osc.engine.run.Orchestrator;
import dev.osc.engine.run.RunInterrupted;
import dev.osc.engine.run.RunProgress;
import dev.osc.engine.run.RunResult;
import dev.osc.engine.run.RunSettings;
import dev.osc.engine.run.Strategy;
import dev.osc.engine.shadow.WriterHold;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.sql.Connection;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Invariants 1 and 5 of ARCHITECTURE.md on the orchestrator itself, with a fake dialect and a fake
 * stream: every step is recorded, so the order of the stages is what is asserted.
 */
class OrchestratorInvariantsTest {
    private final ByteArrayOutputStream log = new ByteArrayOutputStream();

    @Test
    void invariant1NoChunkIsCopiedBeforeASentinelCameBackThroughTheStartedStream() throws Exception {
        FakeShadowDialect dialect = new FakeShadowDialect(9, 2);
        run(dialect);
        List<String> events = dialect.events;
        int started = dialect.indexOf("stream started");
        int consistent = dialect.indexOf("sentinel back true");
        int firstChunk = dialect.indexOf("copy ");
        assertThat(started).isGreaterThanOrEqualTo(0);
        assertThat(events.subList(started, consistent)).containsExactly("stream started", "sentinel lost", "sentinel lost");
        assertThat(consistent).isLessThan(firstChunk);
        // the copier's last chunk is unbounded above (invariant 2)
        assertThat(events).contains("copy none..3", "copy 3..6", "copy 6..all");
    }

    @Test
    void invariant1WithAPinnedStartTheStreamStartsBesideTheCopyAndTheIndexesWaitForIt() throws Exception {
        FakeShadowDialect dialect = new FakeShadowDialect(9, 1);
        dialect.pinsStreamStart = true;
        startingStream = stream -> stream.onStart = () -> awaitEvent(dialect, "copy 6..all");
        run(dialect);
        int pinned = dialect.indexOf("pin stream start");
        int firstChunk = dialect.indexOf("copy ");
        int started = dialect.indexOf("stream started");
        int consistent = dialect.indexOf("sentinel back true");
        assertThat(pinned).isGreaterThanOrEqualTo(0).isLessThan(firstChunk);
        assertThat(firstChunk).as("the copy does not wait for the stream").isLessThan(started);
        assertThat(dialect.events.subList(started, consistent)).containsExactly("stream started", "sentinel lost");
        assertThat(consistent).as("the indexes wait for it").isLessThan(dialect.indexOf("phase indexes"));
    }

    @Test
    void aPinnedStreamThatFailsToStartDuringTheCopyFailsTheRunAndCleansUp() {
        FakeShadowDialect dialect = new FakeShadowDialect(9, 0);
        dialect.pinsStreamStart = true;
        startingStream = stream -> stream.onStart = () -> {
            throw new IllegalStateException("the slot is gone");
        };
        assertThatThrownBy(() -> run(dialect)).hasMessageContaining("the slot is gone");
        assertThat(dialect.events).doesNotContain("stream started", "phase indexes", "rename")
                .endsWith("stream closed", "cleanup swapped=false");
    }

    private static void awaitEvent(FakeShadowDialect dialect, String event) {
        await().atMost(Duration.ofSeconds(10)).until(() -> dialect.events.contains(event));
    }

    @Test
    void invariant5UnderTheSwapLockTheFenceThenTheFinalApplyOnTheLockHolderThenTheRename() throws Exception {
        FakeShadowDialect dialect = new FakeShadowDialect(9, 0);
        dialect.writesBeforeSwapLock.add(List.of("2"));
        RunResult result = run(dialect);
        List<String> events = dialect.events;
        int lock = dialect.indexOf("lock for swap");
        List<String> window = events.subList(lock, dialect.indexOf("release swap") + 1);
        assertThat(window).containsExactly("lock for swap", "sentinel back true",
                "apply on the lock holder osc cutover [[2]]", "rename", "release swap");
        assertThat(events.get(events.size() - 1)).isEqualTo("cleanup swapped=true");
        assertThat(result.get("checksumRounds")).isEqualTo(1L);
        assertThat(result.get("checksumMismatchedChunks")).isEqualTo(0L);
    }

    /** Each hold is preceded by a sentinel through the stream while writers are not held: the stream is caught up before the lock. */
    @Test
    void everyHoldWaitsForTheStreamToCatchUpBeforeItLocks() throws Exception {
        FakeShadowDialect dialect = new FakeShadowDialect(9, 0);
        run(dialect);
        for (String hold : List.of("lock for checksum", "lock for swap")) {
            int lock = dialect.indexOf(hold);
            assertThat(dialect.events.get(lock - 1)).as("before %s", hold).isEqualTo("sentinel back true");
        }
    }

    @Test
    void theChecksumHoldAppliesEverythingBeforeItOpensTheSnapshots() throws Exception {
        FakeShadowDialect dialect = new FakeShadowDialect(9, 0);
        run(dialect);
        List<String> events = dialect.events;
        int lock = dialect.indexOf("lock for checksum");
        assertThat(events.subList(lock, lock + 4)).containsExactly("lock for checksum", "sentinel back true",
                "open snapshots", "release checksum");
        assertThat(dialect.indexOf("checksum compare")).isGreaterThan(lock).isLessThan(dialect.indexOf("lock for swap"));
    }

    /** A shadow copied without its primary key (PostgreSQL): changes made during the copy are applied only once it is built. */
    @Test
    void noChangeIsAppliedBeforeTheDeferredKeyIsBuiltAndItIsBuiltBeforeTheCatchUp() throws Exception {
        FakeShadowDialect dialect = new FakeShadowDialect(9, 0);
        dialect.keyDeferred = true;
        dialect.duringCopy = () -> {
            if (dialect.events.get(dialect.events.size() - 1).startsWith("copy ")) {
                dialect.changed(Integer.toString(dialect.events.size()));
            }
        };
        RunResult result = run(dialect);
        List<String> events = dialect.events;
        int built = dialect.indexOf("build key");
        assertThat(built).as("built once, after the last chunk").isEqualTo(events.lastIndexOf("build key"))
                .isGreaterThan(events.indexOf("copy 6..all"));
        assertThat(dialect.indexOf("apply")).as("the first apply").isGreaterThan(built);
        assertThat(events.stream().filter(e -> e.startsWith("apply")).count()).isPositive();
        assertThat(dialect.indexOf("lock for checksum")).isGreaterThan(built);
        assertThat(result.get("keyBuildMs")).isNotNull();
        assertThat(log.toString()).contains("building the shadow's primary key now, before any change is applied: the copy is done");
    }

    @Test
    void aFailureBeforeTheSwapCleansUpAsNotSwapped() {
        FakeShadowDialect dialect = new FakeShadowDialect(9, 0) {
            @Override
            public WriterHold swapHold(Connection lock, Connection second) {
                throw new IllegalStateException("the rename cannot be prepared");
            }
        };
        assertThatThrownBy(() -> run(dialect)).hasMessageContaining("the rename cannot be prepared");
        assertThat(dialect.events).doesNotContain("rename").endsWith("stream closed", "cleanup swapped=false");
    }

    @Test
    void aSwapWhoseFinalApplyCommitsIsRetriedAfterALostLockWait() throws Exception {
        FakeShadowDialect dialect = new FakeShadowDialect(9, 0);
        dialect.swapRetriableFailures = 1;
        run(dialect);
        assertThat(dialect.events).contains("rename lost a lock wait", "abandon swap", "rename", "release swap");
    }

    /** The final apply wrote inside the lock's transaction: abandoning it rolls those writes back, so no second attempt. */
    @Test
    void aSwapWhoseFinalApplyIsInTheLocksTransactionIsNotRetriedAfterIt() {
        FakeShadowDialect dialect = new FakeShadowDialect(9, 0);
        dialect.swapHolderCommits = false;
        dialect.swapRetriableFailures = 1;
        assertThatThrownBy(() -> run(dialect)).hasMessageContaining("not retried");
        assertThat(dialect.events).doesNotContain("rename").endsWith("stream closed", "cleanup swapped=false");
    }

    @Test
    void aSchemaChangeOnTheSourceDuringTheCopyStopsTheRunBeforeTheSwapNamingIt() {
        FakeShadowDialect dialect = new FakeShadowDialect(9, 0);
        dialect.duringCopy = () -> {
            if (dialect.events.contains("copy 3..6") && !dialect.definition.contains("column late integer DEFAULT 7")) {
                dialect.definition.add("column late integer DEFAULT 7");
            }
        };
        assertThatThrownBy(() -> run(dialect)).hasMessageContaining("was altered while osc ran")
                .hasMessageContaining("now column late integer DEFAULT 7");
        assertThat(dialect.events).doesNotContain("rename").endsWith("stream closed", "cleanup swapped=false");
    }

    /** SIGTERM mid-copy: the run stops before its next chunk, cleans up once, and the hook's one line says what it removed. */
    @Test
    void aShutdownDuringTheCopyStopsBeforeTheNextChunkAndTheHookSaysWhatWasRemoved() throws Exception {
        FakeShadowDialect dialect = new FakeShadowDialect(9, 0);
        dialect.duringCopy = () -> {
            if (dialect.events.get(dialect.events.size() - 1).equals("copy 3..6")) {
                hooks.fire();
            }
        };
        assertThatThrownBy(() -> run(dialect)).isInstanceOf(RunInterrupted.class);
        hooks.awaitEnd();
        assertThat(dialect.events).doesNotContain("copy 6..all", "rename").endsWith("stream closed", "cleanup swapped=false");
        assertThat(dialect.events.stream().filter(e -> e.startsWith("cleanup"))).hasSize(1);
        assertThat(lastLogLine()).isEqualTo(
                "osc: interrupted (the JVM is shutting down) during copy: removed the shadow and the helpers; the source is unchanged");
    }

    /** SIGTERM after the swap's commit: the run finishes, and the line says the table was altered and only helpers were removed. */
    @Test
    void aShutdownAfterTheSwapSaysTheTableWasAlteredAndOnlyHelpersWereRemoved() throws Exception {
        FakeShadowDialect dialect = new FakeShadowDialect(9, 0) {
            @Override
            public void afterSwap(Connection c, boolean dropOld, RunResult result) {
                hooks.fire();
                super.afterSwap(c, dropOld, result);
            }
        };
        assertThat(run(dialect).get("checksum").toString()).startsWith("match");
        hooks.awaitEnd();
        assertThat(dialect.events).contains("rename").endsWith("stream closed", "cleanup swapped=true");
        assertThat(dialect.events.stream().filter(e -> e.startsWith("cleanup"))).hasSize(1);
        assertThat(lastLogLine()).isEqualTo("osc: interrupted (the JVM is shutting down) after the swap: the table was altered; "
                + "removed only the run's helpers: the helpers");
    }

    private String lastLogLine() {
        List<String> lines = log.toString().lines().toList();
        return lines.get(lines.size() - 1);
    }

    /** The JVM's shutdown hooks as a test plays them: {@link #fire} starts the run's hook as a SIGTERM would. */
    private static final class RecordingHooks implements Orchestrator.ShutdownHooks {
        private volatile Thread hook;
        private volatile boolean fired;

        @Override
        public void add(Thread hook) {
            this.hook = hook;
        }

        @Override
        public boolean remove(Thread hook) {
            return !fired;
        }

        /** Starts the hook and returns once it waits for the run (it has asked the run to stop). */
        void fire() {
            fired = true;
            hook.start();
            await().atMost(Duration.ofSeconds(5)).until(() -> hook.getState() == Thread.State.TIMED_WAITING);
        }

        void awaitEnd() throws InterruptedException {
            hook.join(10_000);
            assertThat(hook.isAlive()).as("the hook ended").isFalse();
        }
    }

    private final RecordingHooks hooks = new RecordingHooks();

    /** What a test does to each stream before the run starts it. */
    private java.util.function.Consumer<FakeStream> startingStream = stream -> { };

    private RunResult run(FakeShadowDialect shadow) throws Exception {
        RunSettings settings = new RunSettings("jdbc:postgresql://localhost/x", null, null, "t", "ALTER COLUMN v TYPE bigint",
                true, Strategy.SHADOW, 0, Duration.ofMillis(500), false, 0, Duration.ofMillis(200), true, false, false, dev.osc.engine.run.RunSettings.DEFAULT_MAX_DIRECT_HOLD);
        Orchestrator orchestrator = new Orchestrator(settings, new PrintStream(log, true), Clock.systemUTC(),
                duration -> { }, new RunProgress(), (properties, sink, clock) -> {
                    FakeStream stream = new FakeStream(sink, shadow.events);
                    startingStream.accept(stream);
                    shadow.attach(stream);
                    return stream;
                }, hooks);
        return orchestrator.alter(shadow.open("osc alter"), shadow.planning());
    }
}
