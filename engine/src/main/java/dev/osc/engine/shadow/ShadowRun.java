package dev.osc.engine.shadow;

import dev.osc.cdc.ChangedKey;
import dev.osc.cdc.DebeziumChangeStream;
import dev.osc.cdc.Fence;
import dev.osc.cutover.Cutover;
import dev.osc.cutover.CutoverResult;
import dev.osc.cutover.RetryPolicy;
import dev.osc.engine.copy.Checksum;
import dev.osc.engine.copy.ChunkCopier;
import dev.osc.engine.copy.CopyLoop;
import dev.osc.engine.copy.CopyWatermark;
import dev.osc.engine.copy.DirtyKeys;
import dev.osc.engine.copy.KeyApplier;
import dev.osc.engine.run.OscException;
import dev.osc.engine.run.ProgressPrinter;
import dev.osc.engine.run.RunProgress;
import dev.osc.engine.run.RunResult;
import dev.osc.engine.run.RunSettings;
import dev.osc.throttling.ChunkSizer;
import dev.osc.throttling.LiveThrottle;
import dev.osc.throttling.RowRateLimiter;
import dev.osc.throttling.Sleeper;
import dev.osc.throttling.ThrottleSettings;
import java.io.PrintStream;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The shadow path, stage by stage, for any dialect: prepare (state, fence, shadow), capture
 * (stream and its start sentinel), copy with interleaved apply, indexes, catch up, checksum,
 * cut-over, cleanup. Any failure before the swap removes what the run created and leaves the
 * source untouched.
 */
public final class ShadowRun {
    private static final int APPLY_BATCH = 2_000;
    private static final int CATCH_UP_THRESHOLD = 500;
    private static final int CHECKSUM_ROUNDS = 3;
    private static final Duration FENCE_TIMEOUT = Duration.ofSeconds(2);

    private final ShadowDialect dialect;
    private final RunSettings settings;
    private final String runId;
    private final RunProgress progress;
    private final PrintStream log;
    private final Clock clock;
    private final ThrottleSettings throttleSettings;
    private final LiveThrottle throttle;

    public ShadowRun(ShadowDialect dialect, RunSettings settings, String runId, long estimatedRows, RunProgress progress,
                     PrintStream log, Clock clock) {
        this.dialect = dialect;
        this.settings = settings;
        this.runId = runId;
        this.progress = progress;
        this.log = log;
        this.clock = clock;
        ThrottleSettings defaults = ThrottleSettings.defaults();
        this.throttleSettings = new ThrottleSettings(settings.maxRowsPerSecond(), settings.chunkTarget(),
                defaults.minChunkRows(), defaults.maxChunkRows(), defaults.initialChunkRows());
        this.throttle = new LiveThrottle(throttleSettings);
        progress.estimatedRows.set(estimatedRows);
    }

    public RunResult run(RunResult result) throws Exception {
        List<Connection> connections = new ArrayList<>();
        DebeziumChangeStream stream = null;
        boolean swapped = false;
        boolean completed = false;
        // Ctrl-C or SIGTERM: remove what the run created (the shadow's name is gone once swapped, so this never drops the new table)
        Thread onSignal = new Thread(() -> dialect.cleanup(false), "osc-cleanup-on-exit");
        Runtime.getRuntime().addShutdownHook(onSignal);
        try {
            Connection writer = track(connections, dialect.open("osc copy " + runId));
            Connection applierConnection = track(connections, dialect.open("osc apply " + runId));
            Connection lockConnection = track(connections, dialect.open("osc cutover " + runId));
            Connection renameConnection = track(connections, dialect.open("osc rename " + runId));
            Connection fenceConnection = track(connections, dialect.open("osc fence " + runId));
            Connection snapshotConnection = track(connections, dialect.open("osc checksum " + runId));
            Connection shadowSnapshotConnection = track(connections, dialect.open("osc checksum shadow " + runId));

            progress.phase("prepare");
            dialect.prepare(writer);

            progress.phase("capture");
            DirtyKeys dirty = new DirtyKeys();
            Fence fence = new Fence(dialect.fence().schema(), dialect.fence().name(), clock);
            dialect.startCapture(fenceConnection);
            stream = new DebeziumChangeStream(dialect.streamProperties(), batch -> {
                for (ChangedKey change : batch) {
                    if (!fence.observe(change) && change.isFor(dialect.source().schema(), dialect.source().name())) {
                        dirty.mark(change.key(), change.txId());
                        progress.changesSeen.incrementAndGet();
                    }
                }
                progress.dirtyKeys.set(dirty.size());
            }, clock);
            stream.start(Duration.ofSeconds(60));
            DebeziumChangeStream running = stream;
            FenceWriter fenceWriter = dialect.fenceWriter(fenceConnection, fence);
            awaitConsistentStream(fenceWriter);

            progress.phase("copy");
            ChunkCopier copier = dialect.copier(writer);
            KeyApplier applier = dialect.applier(applierConnection);
            RowRateLimiter limiter = new RowRateLimiter(clock, Sleeper.SYSTEM, throttle);
            CopyLoop loop = new CopyLoop(copier, dirty, new CopyWatermark(), new ChunkSizer(throttleSettings, throttle), limiter,
                    progress, clock, Sleeper.SYSTEM,
                    () -> {
                        if (running.failure().isPresent()) {
                            throw new IllegalStateException("the change stream stopped: " + rootMessage(running.failure().get()));
                        }
                        progress.streamLag(running.lagMillis());
                    }, APPLY_BATCH);
            try (ProgressPrinter printer = settings.progress()
                    ? new ProgressPrinter(progress, log, clock, running::lagMillis) : null) {
                long copyStart = clock.millis();
                loop.copyAll(applier);
                result.put("copyMs", clock.millis() - copyStart);
                progress.phase("indexes");
                long indexStart = clock.millis();
                buildIndexes(writer, loop, applier);
                result.put("indexBuildMs", clock.millis() - indexStart);
                dialect.phase(writer, "catch-up");
                progress.phase("catch-up");
                loop.catchUp(applier, CATCH_UP_THRESHOLD, Duration.ofMinutes(30));
                dialect.analyze(writer);

                Cutover cutover = new Cutover(new RetryPolicy(20, Duration.ofMillis(50), Duration.ofSeconds(2), 0.5),
                        clock, dev.osc.cutover.Sleeper.SYSTEM, new Random());
                LockedContext locked = new LockedContext(lockConnection, renameConnection, fenceWriter, loop, applier, dirty,
                        settings.lockTimeout(), FENCE_TIMEOUT, this::retrying);
                String checksum = "skipped";
                long checksumStart = clock.millis();
                if (settings.checksum()) {
                    progress.phase("checksum");
                    checksum = verify(cutover, locked, copier, applier, List.of(snapshotConnection, shadowSnapshotConnection), result);
                }
                result.put("checksum", checksum);
                result.put("checksumMs", clock.millis() - checksumStart);

                progress.phase("cutover");
                dialect.phase(writer, "cutover");
                loop.catchUp(applier, CATCH_UP_THRESHOLD, Duration.ofMinutes(30));
                CutoverResult cut = cutover.run(dialect.swap(locked));
                swapped = true;
                result.put("cutoverBlockingMs", cut.blockingWindow().toMillis());
                result.put("cutoverAttempts", cut.attempts());
                log.printf("osc [cutover] swapped in %d ms (attempt %d)%n", cut.blockingWindow().toMillis(), cut.attempts());
                progress.phase("cleanup");
                stream.close();
                dialect.afterSwap(fenceConnection, settings.dropOld(), result);
            }
            result.put("rowsCopied", progress.rowsCopied.get());
            result.put("changesApplied", progress.changesApplied.get());
            result.put("streamLagMaxMs", progress.streamLagMaxMillis.get());
            result.put("throttledMs", limiter.throttledTime().toMillis());
            completed = true;
            return result;
        } finally {
            if (stream != null) {
                stream.close();
            }
            for (Connection c : connections) {
                closeQuietly(c);
            }
            try {
                Runtime.getRuntime().removeShutdownHook(onSignal);
            } catch (IllegalStateException exiting) {
                // the JVM is already exiting: the hook does the cleanup
            }
            String problem = dialect.cleanup(swapped);
            if (problem != null) {
                log.println("osc: cleanup incomplete: " + problem);
                if (completed) {
                    throw OscException.failed("the table was altered, but cleanup is incomplete: " + problem, null);
                }
            }
        }
    }

    /**
     * Invariant 1: the stream must be running and positioned before the first chunk. A change
     * committed while the stream starts may be missed, so a fresh sentinel is written every
     * second until one comes back; from then on every commit is delivered.
     */
    private void awaitConsistentStream(FenceWriter fenceWriter) throws Exception {
        java.time.Instant deadline = clock.instant().plus(Duration.ofSeconds(60));
        while (!fenceWriter.writeAndAwait(Duration.ofSeconds(1))) {
            if (clock.instant().isAfter(deadline)) {
                throw new IllegalStateException("the change stream did not deliver the start sentinel within 60 s");
            }
        }
    }

    /**
     * Builds the secondary indexes taken off for the copy: the plain ones first (the applier
     * waits meanwhile), then, once caught up, the unique ones, again after catching up whenever
     * a change not yet applied left a transient duplicate.
     */
    private void buildIndexes(Connection c, CopyLoop loop, KeyApplier applier) throws Exception {
        if (dialect.deferredIndexes() == 0) {
            return;
        }
        loop.catchUp(applier, CATCH_UP_THRESHOLD, Duration.ofMinutes(30));
        dialect.buildIndexes(c, false);
        for (int attempt = 1; ; attempt++) {
            loop.applyAll(applier);
            try {
                dialect.buildIndexes(c, true);
                return;
            } catch (SQLException e) {
                if (!dialect.isDuplicate(e) || attempt >= 10) {
                    throw e;
                }
                log.println("osc [indexes] a change not yet applied left a duplicate; catching up and building again");
            }
        }
    }

    /**
     * Holds writers for a moment to apply every change, opens one snapshot in which source and
     * shadow must agree, releases the writers and compares chunk by chunk. A mismatching chunk
     * is copied again and the whole comparison repeated.
     */
    private String verify(Cutover cutover, LockedContext locked, ChunkCopier copier, KeyApplier applier,
                          List<Connection> snapshots, RunResult result) throws Exception {
        Checksum checksum = dialect.checksum(snapshots.get(0));
        for (int round = 1; round <= CHECKSUM_ROUNDS; round++) {
            locked.loop().catchUp(applier, CATCH_UP_THRESHOLD, Duration.ofMinutes(30));
            CutoverResult hold = cutover.run(dialect.checksumHold(locked, snapshots));
            result.put("checksumBlockingMs", hold.blockingWindow().toMillis());
            Checksum.Result compared;
            try {
                compared = checksum.compare(snapshots.get(0), snapshots.get(1));
            } finally {
                for (Connection snapshot : snapshots) {
                    dialect.endSnapshot(snapshot);
                }
            }
            if (compared.matches()) {
                return "match: " + compared.rows() + " rows in " + compared.chunks() + " chunks, digest " + compared.digest();
            }
            log.printf("osc [checksum] %d chunk(s) differ in round %d; copying them again%n", compared.mismatches().size(), round);
            for (Checksum.Mismatch m : compared.mismatches()) {
                for (List<String> stale : copier.recopy(m.lower(), m.upper()).staleKeys()) {
                    locked.dirty().mark(stale, 0);
                }
            }
        }
        throw new IllegalStateException("source and shadow still differ after " + CHECKSUM_ROUNDS + " checksum rounds");
    }

    private void retrying(String reason) {
        log.println("osc [" + progress.phase.get() + "] retrying: " + reason);
    }

    private static String rootMessage(Throwable t) {
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String m = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        int nl = m.indexOf('\n');
        return nl >= 0 ? m.substring(0, nl) : m;
    }

    private static Connection track(List<Connection> connections, Connection c) {
        connections.add(c);
        return c;
    }

    private static void closeQuietly(Connection c) {
        try {
            c.close();
        } catch (SQLException ignored) {
            // the connection is gone already
        }
    }
}
