package dev.osc.engine.pg;

import static dev.osc.engine.pg.PgIdentifiers.quote;

import dev.osc.cdc.ChangedKey;
import dev.osc.cdc.DebeziumChangeStream;
import dev.osc.cdc.Fence;
import dev.osc.cutover.Cutover;
import dev.osc.cutover.CutoverResult;
import dev.osc.cutover.RetryPolicy;
import dev.osc.engine.copy.CopyLoop;
import dev.osc.engine.copy.CopyWatermark;
import dev.osc.engine.copy.DirtyKeys;
import dev.osc.engine.model.TableInfo;
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
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The shadow path on PostgreSQL, stage by stage: prepare (state, fence, shadow), capture
 * (publication, stream, consistency fence), copy with interleaved apply, catch up, checksum,
 * cut-over, cleanup. Any failure before the swap removes what the run created and leaves the
 * source untouched.
 */
public final class PgShadowRun {
    private static final int APPLY_BATCH = 2_000;
    private static final int CATCH_UP_THRESHOLD = 500;
    private static final int CHECKSUM_ROUNDS = 3;

    private final PgConnector connector;
    private final RunSettings settings;
    private final TableInfo table;
    private final PgAlterClause clause;
    private final PgRunNames names;
    private final RunProgress progress;
    private final PrintStream log;
    private final Clock clock;
    private final LiveThrottle throttle;
    private final ThrottleSettings throttleSettings;

    public PgShadowRun(PgConnector connector, RunSettings settings, TableInfo table, PgAlterClause clause,
                       String runId, RunProgress progress, PrintStream log, Clock clock) {
        this.connector = connector;
        this.settings = settings;
        this.table = table;
        this.clause = clause;
        this.names = new PgRunNames(table.name(), runId);
        this.progress = progress;
        this.log = log;
        this.clock = clock;
        ThrottleSettings defaults = ThrottleSettings.defaults();
        this.throttleSettings = new ThrottleSettings(settings.maxRowsPerSecond(), settings.chunkTarget(),
                defaults.minChunkRows(), defaults.maxChunkRows(), defaults.initialChunkRows());
        this.throttle = new LiveThrottle(throttleSettings);
    }

    public RunResult run(RunResult result) throws Exception {
        progress.estimatedRows.set(table.estimatedRows());
        List<Connection> connections = new ArrayList<>();
        DebeziumChangeStream stream = null;
        boolean swapped = false;
        boolean created = false;
        boolean completed = false;
        // Ctrl-C or SIGTERM: remove what the run created (the shadow name is gone once swapped, so this never drops the new table)
        Thread onSignal = new Thread(() -> cleanup(false), "osc-cleanup-on-exit");
        Runtime.getRuntime().addShutdownHook(onSignal);
        try {
            Connection writer = track(connections, connector.open("osc copy " + names.runId()));
            Connection applierConnection = track(connections, connector.open("osc apply " + names.runId()));
            Connection lockConnection = track(connections, connector.open("osc cutover " + names.runId()));
            Connection fenceConnection = track(connections, connector.open("osc fence " + names.runId()));
            Connection snapshotConnection = track(connections, connector.open("osc checksum " + names.runId()));

            progress.phase("prepare");
            created = true;
            Prepared prepared = prepare(writer);
            ShadowReading shadow = prepared.shadow();
            PgTablePair pair = prepared.pair();
            PgStatements statements = new PgStatements(pair);
            PgRunState state = new PgRunState(names);

            progress.phase("capture");
            DirtyKeys dirty = new DirtyKeys();
            Fence fence = new Fence(names.fence().schema(), names.fence().name(), clock);
            PgStreamSetup streamSetup = new PgStreamSetup(connector, names);
            streamSetup.createPublication(fenceConnection);
            stream = new DebeziumChangeStream(streamSetup.connectorProperties(), batch -> {
                for (ChangedKey change : batch) {
                    if (!fence.observe(change) && change.isFor(names.source().schema(), names.source().name())) {
                        dirty.mark(change.key(), change.txId());
                        progress.changesSeen.incrementAndGet();
                    }
                }
                progress.dirtyKeys.set(dirty.size());
            }, clock);
            stream.start(Duration.ofSeconds(60));
            DebeziumChangeStream running = stream;
            PgFenceWriter fenceWriter = new PgFenceWriter(fenceConnection, names, fence);
            if (!fenceWriter.writeAndAwait(Duration.ofSeconds(60))) {
                throw new IllegalStateException("the change stream did not deliver the start sentinel within 60 s");
            }

            progress.phase("copy");
            CopyWatermark watermark = new CopyWatermark();
            PgChunkCopier copier = new PgChunkCopier(writer, statements, state, key -> dirty.mark(key, 0));
            PgKeyApplier applier = PgKeyApplier.committing(applierConnection, statements);
            CopyLoop loop = new CopyLoop(copier, dirty, watermark, new ChunkSizer(throttleSettings, throttle),
                    new RowRateLimiter(clock, Sleeper.SYSTEM, throttle), progress, clock, Sleeper.SYSTEM,
                    () -> {
                        if (running.failure().isPresent()) {
                            throw new IllegalStateException("the change stream stopped: "
                                    + PgConnector.oneLine(running.failure().get()));
                        }
                        progress.streamLagMillis.set(running.lagMillis());
                    }, APPLY_BATCH);
            try (ProgressPrinter printer = settings.progress()
                    ? new ProgressPrinter(progress, log, clock, running::lagMillis) : null) {
                long copyStart = clock.millis();
                loop.copyAll(applier);
                result.put("copyMs", clock.millis() - copyStart);
                progress.phase("indexes");
                long indexStart = clock.millis();
                buildIndexes(prepared.indexes(), writer, loop, applier);
                result.put("indexBuildMs", clock.millis() - indexStart);
                writer.commit();
                writer.setAutoCommit(true);
                state.phase(writer, "catch-up");
                progress.phase("catch-up");
                loop.catchUp(applier, CATCH_UP_THRESHOLD, Duration.ofMinutes(30));

                Cutover cutover = new Cutover(new RetryPolicy(20, Duration.ofMillis(50), Duration.ofSeconds(2), 0.5),
                        clock, dev.osc.cutover.Sleeper.SYSTEM, new Random());
                String checksum = "skipped";
                long checksumStart = clock.millis();
                if (settings.checksum()) {
                    progress.phase("checksum");
                    checksum = verify(cutover, loop, copier, applier, dirty, fenceWriter, lockConnection, snapshotConnection,
                            statements, result);
                }
                result.put("checksum", checksum);
                result.put("checksumMs", clock.millis() - checksumStart);

                progress.phase("cutover");
                loop.catchUp(applier, CATCH_UP_THRESHOLD, Duration.ofMinutes(30));
                PgSwap swap = new PgSwap(names, shadow.mapping(), shadow.indexNames());
                long sourceOid = table.oid();
                CutoverResult cut = cutover.run(new PgLockedSteps(lockConnection, names, "ACCESS EXCLUSIVE",
                        settings.lockTimeout(), Duration.ofSeconds(2), fenceWriter, loop, applier,
                        PgKeyApplier.inTransaction(lockConnection, statements), dirty,
                        holder -> swap.execute(holder, sourceOid, shadow.oid()), this::retrying));
                swapped = true;
                result.put("cutoverBlockingMs", cut.blockingWindow().toMillis());
                result.put("cutoverAttempts", cut.attempts());
                log.printf("osc [cutover] swapped in %d ms (attempt %d)%n", cut.blockingWindow().toMillis(), cut.attempts());
                progress.phase("cleanup");
                stream.close();
                fenceConnection.setAutoCommit(true);
                swap.validateForeignKeys(fenceConnection);
                if (settings.dropOld()) {
                    try (Statement st = fenceConnection.createStatement()) {
                        st.execute("DROP TABLE " + quote(names.old()));
                    }
                    result.put("oldTable", null);
                } else {
                    result.put("oldTable", names.old().toString());
                }
            }
            result.put("rowsCopied", progress.rowsCopied.get());
            result.put("changesApplied", progress.changesApplied.get());
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
            if (created) {
                String problem = cleanup(swapped);
                if (problem != null && completed) {
                    throw OscException.failed("the table was altered, but cleanup is incomplete: " + problem, null);
                }
            }
        }
    }

    /** The shadow as built, the pair of statements' inputs, and the indexes taken off for the copy. */
    private record Prepared(ShadowReading shadow, PgTablePair pair, PgDeferredIndexes indexes) {
    }

    private Prepared prepare(Connection writer) throws SQLException {
        writer.setAutoCommit(false);
        try {
            new PgRunState(names).create(writer, settings.toString());
            PgFenceWriter.createTable(writer, names);
            ShadowReading reading = new PgShadowBuilder(writer).build(table.name(), table.indexes(), names.shadow(), clause);
            PgTablePair pair = PgTablePair.of(table, reading, new PgInspector(writer).indexes(reading.oid()));
            PgDeferredIndexes deferred = PgDeferredIndexes.takeOff(writer, names.shadow(), reading.oid());
            writer.commit();
            return new Prepared(reading, pair, deferred);
        } catch (SQLException | RuntimeException e) {
            writer.rollback();
            throw e;
        } finally {
            writer.setAutoCommit(true);
        }
    }

    /**
     * Builds the secondary indexes taken off for the copy: the plain ones first (the applier
     * waits meanwhile), then, once caught up, the unique ones, again after catching up whenever
     * a change not yet applied left a transient duplicate.
     */
    private void buildIndexes(PgDeferredIndexes indexes, Connection c, CopyLoop loop, PgKeyApplier applier)
            throws Exception {
        if (indexes.count() == 0) {
            return;
        }
        loop.catchUp(applier, CATCH_UP_THRESHOLD, Duration.ofMinutes(30));
        indexes.buildNonUnique(c);
        for (int attempt = 1; ; attempt++) {
            loop.applyAll(applier);
            try {
                indexes.buildUnique(c);
                return;
            } catch (SQLException e) {
                if (!PgErrors.is(e, PgErrors.UNIQUE_VIOLATION) || attempt >= 10) {
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
    private String verify(Cutover cutover, CopyLoop loop, PgChunkCopier copier, PgKeyApplier applier, DirtyKeys dirty,
                          PgFenceWriter fenceWriter, Connection lockConnection, Connection snapshot,
                          PgStatements statements, RunResult result) throws Exception {
        PgChecksum checksum = new PgChecksum(statements, 50_000);
        checksum.chooseHash(snapshot);
        for (int round = 1; round <= CHECKSUM_ROUNDS; round++) {
            loop.catchUp(applier, CATCH_UP_THRESHOLD, Duration.ofMinutes(30));
            CutoverResult hold = cutover.run(new PgLockedSteps(lockConnection, names, "EXCLUSIVE",
                    settings.lockTimeout(), Duration.ofSeconds(2), fenceWriter, loop, applier, applier, dirty,
                    holder -> {
                        snapshot.setAutoCommit(false);
                        snapshot.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
                        try (Statement st = snapshot.createStatement()) {
                            st.execute("SELECT 1 FROM " + quote(names.shadow()) + " LIMIT 1");
                        }
                    }, this::retrying));
            result.put("checksumBlockingMs", hold.blockingWindow().toMillis());
            PgChecksum.Result compared;
            try {
                compared = checksum.compare(snapshot);
            } finally {
                snapshot.commit();
                snapshot.setAutoCommit(true);
            }
            if (compared.matches()) {
                return "match: " + compared.rows() + " rows in " + compared.chunks() + " chunks, digest " + compared.digest();
            }
            log.printf("osc [checksum] %d chunk(s) differ in round %d; copying them again%n", compared.mismatches().size(), round);
            for (PgChecksum.Mismatch m : compared.mismatches()) {
                copier.recopy(m.lower(), m.upper());
            }
        }
        throw new IllegalStateException("source and shadow still differ after " + CHECKSUM_ROUNDS + " checksum rounds");
    }

    private void retrying(String reason) {
        log.println("osc [" + progress.phase.get() + "] retrying: " + reason);
    }

    /** Removes what the run created; after a swap only the run's own helpers are removed. */
    private String cleanup(boolean swapped) {
        try (Connection c = connector.open("osc cleanup " + names.runId())) {
            new PgStreamSetup(connector, names).dropSlotAndPublication(c);
            try (Statement st = c.createStatement()) {
                st.execute("SET lock_timeout = '10s'");
                if (!swapped) {
                    st.execute("DROP TABLE IF EXISTS " + quote(names.shadow()));
                }
                st.execute("DROP TABLE IF EXISTS " + quote(names.fence()));
                st.execute("DROP TABLE IF EXISTS " + quote(names.state()));
            }
            return null;
        } catch (SQLException e) {
            log.println("osc: cleanup incomplete (" + PgConnector.oneLine(e) + "); remove slot " + names.slot()
                    + ", publication " + names.publication() + " and tables " + names.shadow() + ", " + names.fence()
                    + ", " + names.state() + " by hand");
            return PgConnector.oneLine(e);
        }
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
