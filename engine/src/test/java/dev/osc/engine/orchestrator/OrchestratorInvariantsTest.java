package dev.osc.engine.orchestrator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.osc.engine.model.ColumnMapping;
import dev.osc.engine.model.TableInfo;
import dev.osc.engine.model.TableName;
import dev.osc.engine.run.Orchestrator;
import dev.osc.engine.run.Plan;
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

    private RunResult run(FakeShadowDialect shadow) throws Exception {
        RunSettings settings = new RunSettings("jdbc:postgresql://localhost/x", null, null, "t", "ALTER COLUMN v TYPE bigint",
                true, Strategy.SHADOW, 0, Duration.ofMillis(500), false, 0, Duration.ofMillis(200), true, false, false, dev.osc.engine.run.RunSettings.DEFAULT_MAX_DIRECT_HOLD);
        Orchestrator orchestrator = new Orchestrator(settings, new PrintStream(log, true), Clock.systemUTC(),
                duration -> { }, new RunProgress(), (properties, sink, clock) -> {
                    FakeStream stream = new FakeStream(sink, shadow.events);
                    shadow.attach(stream);
                    return stream;
                });
        return orchestrator.alter(shadow.open("osc alter"), new Orchestrator.Dialect() {
            @Override
            public TableName resolve(Connection c) {
                return shadow.source;
            }

            @Override
            public AutoCloseable lockRun(TableName table) {
                return () -> { };
            }

            @Override
            public Orchestrator.Planned plan(Connection c, TableName table, String runId) {
                TableInfo info = new TableInfo(table, 1, List.of(), List.of("id"), "primary key", 9, 1 << 20, List.of(),
                        List.of(), List.of(), List.of(), List.of(), false, false, false);
                Plan plan = new Plan(info, new ColumnMapping(List.of()), Strategy.SHADOW, List.of("asked for"), List.of(),
                        List.of(), List.of(), List.of(), List.of());
                return new Orchestrator.Planned(plan, java.util.Map.of(), (conn, retrier, lockTimeout) -> {
                    throw new AssertionError("the shadow path was planned");
                }, id -> shadow);
            }
        });
    }
}
