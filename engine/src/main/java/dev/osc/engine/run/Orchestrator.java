package dev.osc.engine.run;

import dev.osc.cdc.ChangeSink;
import dev.osc.cdc.ChangeStream;
import dev.osc.cdc.ChangedKey;
import dev.osc.cdc.DebeziumChangeStream;
import dev.osc.cdc.Fence;
import dev.osc.cutover.BlockerPolicy;
import dev.osc.cutover.Cutover;
import dev.osc.cutover.CutoverResult;
import dev.osc.engine.rows.Retries;
import io.github.resilience4j.core.IntervalFunction;
import dev.osc.cutover.RetryPolicy;
import dev.osc.engine.copy.Checksum;
import dev.osc.engine.copy.ChunkCopier;
import dev.osc.engine.copy.CopyLoop;
import dev.osc.engine.copy.CopyWatermark;
import dev.osc.engine.copy.DirtyKeys;
import dev.osc.engine.copy.KeyApplier;
import dev.osc.engine.control.AdminServer;
import dev.osc.engine.control.CutoverGate;
import dev.osc.engine.control.RunControl;
import dev.osc.engine.model.TableName;
import dev.osc.engine.shadow.FenceWriter;
import dev.osc.engine.shadow.LockedWindow;
import dev.osc.engine.shadow.Reversal;
import dev.osc.engine.shadow.RunState;
import dev.osc.engine.shadow.SavedRun;
import dev.osc.engine.shadow.ShadowDialect;
import dev.osc.engine.shadow.SourceShape;
import dev.osc.engine.shadow.WriterHold;
import dev.osc.throttling.ChunkSizer;
import dev.osc.throttling.CriticalSignalException;
import dev.osc.throttling.LiveThrottle;
import dev.osc.throttling.RowRateLimiter;
import dev.osc.throttling.Sleeper;
import dev.osc.throttling.ThrottleSettings;
import dev.osc.throttling.Throttler;
import java.io.PrintStream;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * One migration, stage by stage, for any database: resolve the table, take the single-run lock,
 * plan, refuse or warn, then a dry run, direct DDL, or the shadow path — prepare (state, fence,
 * shadow), capture (stream and its start sentinel), copy with interleaved apply, indexes, catch
 * up, checksum, cut-over, cleanup. Its collaborators (dialect, change stream, clock, sleeper) are
 * handed in, so a test can drive every stage with fakes. Any failure before the swap removes what
 * the run created and leaves the source untouched.
 */
public final class Orchestrator {
    /** Direct DDL retries: a short lock wait each time, backing off exponentially from 100 ms to 5 s with jitter. */
    public static final Retries.Policy DIRECT_RETRIES = new Retries.Policy(30,
            IntervalFunction.ofExponentialRandomBackoff(100, 2.0, 0.5, 5_000));
    /** Cut-over retries: bounded by --cutover-timeout, not by a count; backing off from 50 ms to 2 s with jitter. */
    private static final RetryPolicy CUTOVER_RETRIES = new RetryPolicy(Integer.MAX_VALUE, Duration.ofMillis(50), Duration.ofSeconds(2), 0.5);
    private static final int APPLY_BATCH = 2_000;
    /** How often an open revert window applies the new table's changes to the old one. */
    private static final Duration WINDOW_TICK = Duration.ofMillis(100);
    /** Takes keys and writes nothing: a window that can no longer revert still drains its stream. */
    private static final KeyApplier DISCARDING = (batch, upTo) -> new dev.osc.engine.copy.ApplyOutcome(true, 0, List.of());
    private static final int CATCH_UP_THRESHOLD = 500;
    private static final int CHECKSUM_ROUNDS = 3;
    private static final int UNIQUE_INDEX_ATTEMPTS = 3;
    private static final Duration CATCH_UP_LIMIT = Duration.ofMinutes(30);
    private static final Duration FENCE_TIMEOUT = Duration.ofSeconds(2);
    private static final Duration STREAM_START_LIMIT = Duration.ofSeconds(60);
    /** A sentinel the stream missed costs this much of the capture phase (it was 1 s: on MariaDB the first one is always missed). */
    private static final Duration START_SENTINEL_EVERY = Duration.ofMillis(100);
    /** How long a run that stops lets a stream starting beside the copy finish its start. */
    private static final Duration START_FINISH_WAIT = Duration.ofSeconds(5);
    private static final Duration SOURCE_CHECK_INTERVAL = Duration.ofSeconds(5);
    /** How often a sentinel moves the stream's saved position on while the source is quiet. */
    private static final Duration POSITION_TICK = Duration.ofSeconds(2);
    /** How long a copy into a bare heap waits for the stream's first saved position. */
    private static final Duration POSITION_SAVE_LIMIT = Duration.ofSeconds(10);
    /** How long a JVM shutdown waits for the run to reach a safe point before it closes what the run waits on. */
    private static final Duration SHUTDOWN_GRACE = Duration.ofSeconds(5);
    /** How long a JVM shutdown during the swap waits for it to commit or roll back (it stops at its next retry). */
    private static final Duration SWAP_END_LIMIT = Duration.ofSeconds(60);

    /** One database family's part of the command before the strategy is known. */
    public interface Dialect {
        TableName resolve(Connection c) throws SQLException;

        /** Takes the single-run lock for the table; refuses (exit 3) when another run holds it. */
        AutoCloseable lockRun(TableName table) throws SQLException;

        /** {@code resuming}: the run carries on run {@code runId} (stopped by a crash), whose shadow and helpers are its own. */
        Planned plan(Connection c, TableName table, String runId, boolean resuming) throws SQLException;

        default Planned plan(Connection c, TableName table, String runId) throws SQLException {
            return plan(c, table, runId, false);
        }

        /** The run an earlier osc recorded in the table's state table and did not finish (asked while this run holds the table's lock). */
        default java.util.Optional<SavedRun> savedRun(Connection c, TableName table) throws SQLException {
            return java.util.Optional.empty();
        }

        /**
         * True when the catalog shows that {@code earlier}'s swap committed before it stopped
         * (PostgreSQL: its state row, written in the swap's transaction; MariaDB: no shadow, and
         * the old table under the sentry's or the old table's name). False by default.
         */
        default boolean swapCommitted(Connection c, TableName table, SavedRun earlier) throws SQLException {
            return false;
        }

        /** The shadow path of {@code earlier}, to finish it after its swap: only its names and helpers are used. */
        default ShadowDialect stoppedRun(Connection c, TableName table, SavedRun earlier) throws SQLException {
            throw new UnsupportedOperationException("no stopped run to finish");
        }

        /** What an earlier run on {@code table} that did not finish left (asked while this run holds the table's lock); none by default. */
        default List<String> unfinishedRun(Connection c, TableName table) throws SQLException {
            return List.of();
        }
    }

    /**
     * A plan and the ways to carry it out: {@code facts} the dialect adds to the result (e.g. the
     * algorithm the server accepted), its direct DDL, and its shadow path for a run id.
     */
    public record Planned(Plan plan, java.util.Map<String, Object> facts, DirectDdl direct,
                          java.util.function.Function<String, ShadowDialect> shadow) {
        public void describe(RunResult result) {
            facts.forEach(result::put);
        }
    }

    /** Runs the ALTER directly; returns how long writers could have been blocked. */
    @FunctionalInterface
    public interface DirectDdl {
        /** {@code interrupt}: told each attempt's statement, so that SIGTERM or Ctrl-C can cancel it on the server. */
        Duration run(Connection c, Retries.Policy retries, Duration lockTimeout, DirectInterrupt interrupt) throws Exception;
    }

    /** Starts a change stream over connector properties; Debezium in production, a fake in tests. */
    @FunctionalInterface
    public interface StreamFactory {
        StreamFactory DEBEZIUM = DebeziumChangeStream::new;

        ChangeStream create(Properties properties, ChangeSink sink, Clock clock);
    }

    /** Where a run registers what stops it when the JVM shuts down (SIGTERM, Ctrl-C): the JVM's in production, a recorder in tests. */
    public interface ShutdownHooks {
        ShutdownHooks RUNTIME = new ShutdownHooks() {
            @Override
            public void add(Thread hook) {
                Runtime.getRuntime().addShutdownHook(hook);
                ShutdownSignal.hooks(+1);
            }

            @Override
            public boolean remove(Thread hook) {
                try {
                    boolean removed = Runtime.getRuntime().removeShutdownHook(hook);
                    if (removed) {
                        ShutdownSignal.hooks(-1);
                    }
                    return removed;
                } catch (IllegalStateException exiting) {
                    return false;
                }
            }
        };

        void add(Thread hook);

        /** False when the JVM is already shutting down: the hook runs (or ran). */
        boolean remove(Thread hook);
    }

    private final RunSettings settings;
    private final PrintStream log;
    private final Clock clock;
    private final Sleeper sleeper;
    private final RunProgress progress;
    private final StreamFactory streams;
    private final ShutdownHooks shutdownHooks;

    public Orchestrator(RunSettings settings, PrintStream log, Clock clock, Sleeper sleeper, RunProgress progress,
                        StreamFactory streams, ShutdownHooks shutdownHooks) {
        this.settings = settings;
        this.log = log;
        this.clock = clock;
        this.sleeper = sleeper;
        this.progress = progress;
        this.streams = streams;
        this.shutdownHooks = shutdownHooks;
    }

    /** The production collaborators: the system sleeper, Debezium and the JVM's shutdown hooks. */
    public Orchestrator(RunSettings settings, PrintStream log, Clock clock, RunProgress progress) {
        this(settings, log, clock, Sleeper.SYSTEM, progress, StreamFactory.DEBEZIUM, ShutdownHooks.RUNTIME);
    }

    public RunResult alter(Connection c, Dialect dialect) throws Exception {
        long start = clock.millis();
        RunResult result = new RunResult();
        TableName table = dialect.resolve(c);
        try (AutoCloseable lock = dialect.lockRun(table)) {
            // the same ALTER after a crash carries on the run that stopped; a different one is refused by the leftover check
            SavedRun earlier = dialect.savedRun(c, table).filter(r -> r.carriesOut(settings.alter())).orElse(null);
            String runId = earlier != null ? earlier.runId() : RunIds.next(clock);
            if (earlier != null && settings.execute() && dialect.swapCommitted(c, table, earlier)) {
                // decided before planning: the table has the new shape, and the ALTER may not apply to it twice
                result.put("strategy", "shadow");
                ShadowDialect stopped = dialect.stoppedRun(c, table, earlier);
                Reversal window = windowToResume(c, stopped, earlier);
                if (window != null) {
                    log.println("osc: run " + runId + ": resuming the revert window of " + table + " (it stopped in phase "
                            + earlier.phase() + "; open until " + earlier.windowEnds() + "); change stream from "
                            + dev.osc.cdc.DurableOffsetStore.describe(earlier.streamOffsets()));
                    result.put("resumed", new java.util.LinkedHashMap<String, Object>(java.util.Map.of("runId", runId,
                            "phase", earlier.phase())));
                    new ShadowStages(stopped, runId, result, earlier).resumeWindow(window, earlier.windowEnds());
                    result.put("status", "done");
                    result.put("durationMs", clock.millis() - start);
                    return result;
                }
                finishSwapped(c, stopped, earlier, table, result);
                result.put("durationMs", clock.millis() - start);
                return result;
            }
            Planned planned;
            try {
                planned = dialect.plan(c, table, runId, earlier != null);
            } catch (AlreadyAltered done) {
                log.println("osc: " + done.getMessage());
                result.put("status", "done").put("strategy", "none").put("alreadyAltered", true).put("rowsCopied", 0L)
                        .put("changesApplied", 0L).put("cutoverBlockingMs", null).put("checksum", "not needed");
                result.put("durationMs", clock.millis() - start);
                return result;
            }
            Plan plan = planned.plan();
            if (earlier != null && plan.strategy() != Strategy.SHADOW) {
                plan = plan.carriedOutBy(Strategy.SHADOW, "run " + runId + " on this table stopped before it finished: it is resumed");
            }
            if (settings.control().postponed() && plan.strategy() == Strategy.DIRECT) {
                // a direct ALTER has no cut-over to wait at: never ignore the operator's request silently
                if (settings.strategy() == Strategy.DIRECT) {
                    throw OscException.badInput("--postpone-cutover needs the shadow path: a direct ALTER has no cut-over to postpone");
                }
                plan = plan.carriedOutBy(Strategy.SHADOW, "--postpone-cutover asks for a cut-over to postpone: the shadow path");
            }
            plan = withRevertWindow(plan);
            String strategy = plan.strategy().name().toLowerCase(Locale.ROOT);
            result.put("status", settings.execute() ? "running" : "dry-run")
                    .put("strategy", strategy)
                    .put("rowsCopied", 0L).put("changesApplied", 0L).put("cutoverBlockingMs", null)
                    .put("durationMs", 0L).put("checksum", null);
            planned.describe(result);
            refuseOrWarn(plan, () -> unfinishedRun(c, dialect, table));
            if (plan.strategy() == Strategy.SHADOW && settings.signals().query() != null) {
                ThrottleQuery.check(c, settings.signals().query());
            }
            if (!settings.execute()) {
                log.println("osc: dry run (" + strategy + ": " + String.join("; ", plan.reasons()) + "); add --execute to alter " + table);
                plan.describe(result);
                result.put("status", "dry-run");
            } else if (plan.strategy() == Strategy.DIRECT) {
                direct(c, planned, result);
            } else {
                ShadowDialect shadow = planned.shadow().apply(runId);
                if (earlier != null) {
                    String cannot = resumable(c, shadow, earlier);
                    if (cannot == null) {
                        log.println("osc: run " + runId + ": resuming the shadow copy of " + table + " (it stopped during "
                                + earlier.phase() + "): " + earlier.describeCopy() + "; change stream from "
                                + dev.osc.cdc.DurableOffsetStore.describe(earlier.streamOffsets()));
                        result.put("resumed", new java.util.LinkedHashMap<String, Object>(java.util.Map.of("runId", runId,
                                "phase", earlier.phase(), "rowsCopied", earlier.rowsCopied())));
                    } else {
                        String problem = shadow.cleanup(false);
                        if (problem != null) {
                            throw OscException.failed("run " + runId + " cannot be resumed (" + cannot + ") and what it left could not be removed: "
                                    + problem, null);
                        }
                        log.println("osc: run " + runId + " cannot be resumed: " + cannot + "; removed what it left ("
                                + shadow.removedByCleanup(false) + ") and the copy starts again");
                        earlier = null;
                        runId = RunIds.next(clock);
                        shadow = planned.shadow().apply(runId);
                    }
                }
                if (earlier == null) {
                    log.println("osc: run " + runId + ": shadow copy of " + table + " (" + String.join("; ", plan.reasons()) + ")");
                }
                progress.estimatedRows.set(plan.table().estimatedRows());
                new ShadowStages(shadow, runId, result, earlier).run();
                result.put("status", "done");
            }
        }
        result.put("durationMs", clock.millis() - start);
        return result;
    }

    /**
     * {@code --revert-window} needs the shadow path (a direct ALTER leaves no old table to swap
     * back), and an ALTER whose every old column the new table still carries: a dropped column's
     * values could not be given back to the rows written after the swap.
     */
    private Plan withRevertWindow(Plan plan) {
        if (settings.control().revertWindow() == null) {
            return plan;
        }
        if (plan.strategy() == Strategy.DIRECT) {
            if (settings.strategy() == Strategy.DIRECT) {
                throw OscException.badInput("--revert-window needs the shadow path: a direct ALTER leaves no old table to swap back");
            }
            plan = plan.carriedOutBy(Strategy.SHADOW, "--revert-window keeps the old table in step after the swap: the shadow path");
        }
        List<String> dropped = plan.mapping().dropped().stream().map(c -> c.sourceName()).toList();
        if (!dropped.isEmpty()) {
            throw OscException.refused("--revert-window cannot keep the old table exact: the ALTER drops " + String.join(", ", dropped)
                    + ", whose values a revert could not give back to the rows written after the swap; run without --revert-window");
        }
        return plan;
    }

    /**
     * Null when run {@code earlier} (whose swap did not commit) can be carried on from its
     * checkpoint, its shadow adopted; else why it cannot: it saved no stream position, the
     * position is gone, its shadow is gone or no longer fits the source.
     */
    private String resumable(Connection c, ShadowDialect shadow, SavedRun earlier) throws SQLException {
        if (earlier.streamOffsets() == null) {
            return "it stopped before its change stream saved a position";
        }
        if (earlier.sourceShape() == null) {
            return "it saved no definition of the source to compare with";
        }
        // DDL on the source while nothing watched it: the shadow lacks it, and a swap would lose it
        List<String> changed = SourceShape.changes(earlier.sourceShape(), shadow.sourceDefinition(c));
        if (!changed.isEmpty()) {
            return "the source table was altered while the run was stopped (" + String.join("; ", changed) + ")";
        }
        String gone = shadow.streamPositionGone(c, earlier.streamOffsets());
        return gone != null ? gone : shadow.adopt(c);
    }

    /**
     * The revert window of run {@code earlier}, stopped in it, when the same command (with its
     * {@code --revert-window}) can carry it on: not yet over, its stream position still there, the
     * two tables still pairing; else null (said, then the window is closed as after its end).
     */
    private Reversal windowToResume(Connection c, ShadowDialect stopped, SavedRun earlier) throws SQLException {
        boolean inWindow = RunState.REVERT_WINDOW.equals(earlier.phase())
                || RunState.REVERT.equals(earlier.phase());
        if (!inWindow) {
            return null;
        }
        String cannot = settings.control().revertWindow() == null ? "this command has no --revert-window"
                : earlier.windowEnds() == null || !clock.instant().isBefore(earlier.windowEnds()) ? "the window is over"
                : earlier.streamOffsets() == null ? "it saved no stream position"
                : stopped.streamPositionGone(c, earlier.streamOffsets());
        Reversal window = cannot == null ? stopped.resumedReversal(c) : null;
        if (cannot == null && window == null) {
            cannot = "the old and the new table no longer pair column by column";
        }
        if (cannot != null) {
            log.println("osc: run " + earlier.runId() + ": its revert window is not resumed (" + cannot + ")");
        }
        return window;
    }

    /** A run that stopped after its swap committed: the table has its new shape; only its helpers are left to remove. */
    private void finishSwapped(Connection c, ShadowDialect shadow, SavedRun earlier, TableName table, RunResult result) throws SQLException {
        String runId = earlier.runId();
        shadow.finishAfterSwap(c, settings.dropOld(), result, earlier.phase());
        String problem = shadow.cleanup(true);
        if (problem != null) {
            throw OscException.failed("run " + runId + " had swapped " + table + " before it stopped, but its helpers could not be removed: "
                    + problem, null);
        }
        boolean reverted = Boolean.TRUE.equals(result.get("reverted"));
        log.println("osc: run " + runId + (reverted ? " had swapped " + table + " back before it stopped: the table has its old shape again; removed "
                : " had swapped " + table + " before it stopped: the table has its new shape" + (earlier.phase().startsWith("revert")
                ? " (its revert window is closed: the old table is kept)" : "") + "; removed ") + shadow.removedByCleanup(true));
        result.put("status", "done").put("checksum", "done before the stop").put("resumed",
                new java.util.LinkedHashMap<String, Object>(java.util.Map.of("runId", runId, "phase", "cleanup")));
    }

    /** Text added to a refusal, asked only when refusing. */
    @FunctionalInterface
    private interface RefusalHint {
        String get() throws SQLException;
    }

    private void refuseOrWarn(Plan plan, RefusalHint hint) throws SQLException {
        if (!plan.gates().isEmpty()) {
            throw OscException.refused(String.join("; ", plan.gates()) + hint.get());
        }
        if (plan.strategy() == Strategy.SHADOW && !plan.shadowRefusals().isEmpty()) {
            throw OscException.refused(String.join("; ", plan.shadowRefusals()) + hint.get());
        }
        for (String w : plan.warnings()) {
            log.println("osc: warning: " + w);
        }
    }

    /** When an earlier run on the table did not finish (this run holds the table's lock, so it is not live): what it left and the command that removes it. */
    private String unfinishedRun(Connection c, Dialect dialect, TableName table) throws SQLException {
        List<String> left = dialect.unfinishedRun(c, table);
        return left.isEmpty() ? "" : "; an earlier run on " + table + " did not finish (killed?) and left " + String.join(", ", left)
                + ": remove all of it with: " + AbortHint.command(settings, table);
    }

    private void direct(Connection c, Planned planned, RunResult result) throws Exception {
        Duration blocked;
        try (DirectInterrupt interrupt = new DirectInterrupt(shutdownHooks, log)) {
            try {
                blocked = planned.direct().run(c, DIRECT_RETRIES, settings.lockTimeout(), interrupt);
                interrupt.altered();
            } catch (Exception e) {
                if (ShutdownSignal.wasHeard()) {
                    throw new RunInterrupted("interrupted (" + ShutdownSignal.describe() + ")", e);
                }
                throw e;
            }
        }
        result.put("status", "done").put("cutoverBlockingMs", blocked.toMillis()).put("checksum", "not needed");
    }

    /** The shadow path's stages, each a method, over the state one run builds up. */
    private final class ShadowStages {
        private final ShadowDialect dialect;
        private final String runId;
        private final RunResult result;
        private final List<Connection> connections = new CopyOnWriteArrayList<>();
        private final DirtyKeys dirty = new DirtyKeys();
        private final ThrottleSettings throttleSettings;
        private final LiveThrottle throttle;
        private final Cutover cutover;
        private Connection writer;
        private Connection applierConnection;
        private Connection lockConnection;
        private Connection secondConnection;
        private Connection fenceConnection;
        private List<Connection> snapshots;
        private volatile ChangeStream stream;
        /** The stream's start beside the copy, until it has started; null when it started before the copy. */
        private volatile BackgroundStreamStart streamStart;
        private FenceWriter fenceWriter;
        private ChunkCopier copier;
        private KeyApplier applier;
        private volatile RowRateLimiter limiter;
        private volatile Throttler throttler;
        private CopyLoop loop;
        /** The shadow's primary key, when the dialect took it off for the copy; null when it stayed. */
        private DeferredKey key;
        private volatile boolean swapped;
        /** The revert window over the swap, once it is open; {@code reverted} once the swap back committed. */
        private Reversal reversal;
        private volatile boolean reverted;
        private final RunShutdown shutdown = new RunShutdown(this::removeAll);
        private SourceShape shape;
        private long nextShapeCheck;
        /** The run this one carries on after a crash (its shadow adopted), or null. */
        private final SavedRun earlier;
        private AutoCloseable offsetJournal;
        private StateRowOffsets offsets;
        private long nextPositionTick;
        private final CutoverGate gate;
        private final RunControl control;

        ShadowStages(ShadowDialect dialect, String runId, RunResult result, SavedRun earlier) {
            this.dialect = dialect;
            this.runId = runId;
            this.result = result;
            this.earlier = earlier;
            ThrottleSettings defaults = ThrottleSettings.defaults();
            Duration chunkTarget = settings.chunkTarget() != null ? settings.chunkTarget() : dialect.defaultChunkTarget();
            this.throttleSettings = new ThrottleSettings(settings.maxRowsPerSecond(), chunkTarget,
                    defaults.minChunkRows(), defaults.maxChunkRows(), defaults.initialChunkRows());
            this.throttle = new LiveThrottle(throttleSettings);
            this.cutover = new Cutover(CUTOVER_RETRIES, new BlockerPolicy(settings.cutoverTimeout(), settings.killBlockersAfter()),
                    clock, sleeper, new Random(), this::say);
            this.gate = new CutoverGate(settings.control(), clock, sleeper, this::say);
            this.control = new RunControl(runId, dialect.source().toString(), throttle, progress, result, gate, clock,
                    this::throttledByReason, this::say);
        }

        /** One line on stderr, prefixed by the phase the run is in. */
        private void say(String line) {
            log.println("osc [" + progress.phase.get() + "] " + line);
        }

        void run() throws Exception {
            boolean completed = false;
            // Ctrl-C or SIGTERM: stop at the next safe point, remove what the run created and say so in one line
            Thread onSignal = new Thread(this::onShutdown, "osc-cleanup-on-exit");
            shutdownHooks.add(onSignal);
            try (AdminServer admin = startAdmin()) {
                gate.prepareFlagFile();
                openConnections();
                prepare();
                // a resumed run without an endpoint must not leave the port of the run it carries on
                dialect.adminPort(writer, admin == null ? null : admin.port());
                capture();
                try (ProgressPrinter printer = settings.progress() ? new ProgressPrinter(progress, log, clock, stream::lagMillis) : null) {
                    copy();
                    buildIndexes();
                    catchUp();
                    verify();
                    awaitOperator();
                    swap();
                    afterSwap();
                }
                report();
                completed = true;
            } catch (Exception e) {
                interruptedIfAsked(e);
                // the same data error gets the same exit status as on the direct path and before the copy
                SQLException sql = sqlCause(e);
                if (!swapped && !(e instanceof OscException) && sql != null && dialect.isDataError(sql)) {
                    throw OscException.refused(OscException.DATA_REJECTS_CHANGE + Connector.oneLine(sql)
                            + "; the source is unchanged and what the run created is removed");
                }
                throw e;
            } finally {
                cleanup(onSignal, completed);
            }
        }

        /** A failure that a SIGTERM or Ctrl-C caused is reported as the interruption it is. */
        private void interruptedIfAsked(Exception e) {
            if (shutdown.asked() && !(e instanceof RunInterrupted)) {
                throw new RunInterrupted("interrupted (" + ShutdownSignal.describe() + ")", e);
            }
        }

        /** The admin endpoint on 127.0.0.1, its port said at once; null when the settings ask for none. */
        private AdminServer startAdmin() {
            ControlSettings c = settings.control();
            if (c.adminPort() == null) {
                return null;
            }
            AdminServer admin = AdminServer.start(c.adminPort(), c.adminToken(), control);
            log.println("osc: run " + runId + ": admin endpoint on http://127.0.0.1:" + admin.port()
                    + (c.adminToken() == null ? "" : " (token required)"));
            return admin;
        }

        private void openConnections() throws SQLException {
            writer = open("osc copy ");
            applierConnection = open("osc apply ");
            lockConnection = open("osc cutover ");
            secondConnection = open("osc rename ");
            fenceConnection = open("osc fence ");
            List<Connection> checksumWorkers = new java.util.ArrayList<>();
            for (int i = 1; i <= checksumWorkers(settings); i++) {
                checksumWorkers.add(open("osc checksum " + i + " "));
            }
            snapshots = List.copyOf(checksumWorkers);
        }

        private Connection open(String role) throws SQLException {
            Connection c = dialect.open(role + runId);
            connections.add(c);
            return c;
        }

        /** The run's state and fence tables and the shadow with the ALTER applied. */
        void prepare() throws Exception {
            progress.phase("prepare");
            // read before the shadow is built from the source: a change in between is caught, never missed
            shape = SourceShape.capture(dialect.source(), dialect::sourceDefinition, writer);
            if (earlier == null) {
                dialect.prepare(writer);
                // a run resumed after a stop compares the source with this (DDL while nothing watched)
                dialect.saveSourceShape(writer, shape);
            }
        }

        /**
         * Invariant 1: before any chunk is copied, either the stream is running and has delivered a
         * sentinel written after its start, or its start is pinned where the dialect can (the slot
         * created, the offsets saved): it then starts beside the copy, which waits for it before the
         * indexes are built.
         */
        void capture() throws Exception {
            enter("capture");
            startStream(true);
        }

        /**
         * The stream (from the saved position for a run carried on, or from the pinned start) and its
         * fence; nothing recorded in the state row but the pinned start.
         */
        private void startStream(boolean mayPin) throws Exception {
            Fence fence = new Fence(dialect.fence().schema(), dialect.fence().name(), clock);
            Properties properties = dialect.streamProperties();
            boolean pinned = false;
            if (earlier == null) {
                dialect.startCapture(fenceConnection);
                pinned = mayPin && dialect.pinStreamStart(fenceConnection);
            }
            if (earlier != null || pinned) {
                // a pinned start is a start from saved offsets, as a run carried on has
                dialect.resumingStream(properties);
            }
            // the stream's acknowledged position lives in the state row: a run resumed after a crash starts from it
            properties.setProperty("offset.storage", dev.osc.cdc.DurableOffsetStore.class.getName());
            properties.setProperty(dev.osc.cdc.DurableOffsetStore.JOURNAL_PROPERTY, runId);
            offsets = new StateRowOffsets(dialect, this::open);
            if (pinned) {
                // a run stopped from here on resumes its stream from the pinned start
                offsets.savedBeforeStart();
            }
            offsetJournal = dev.osc.cdc.DurableOffsetStore.register(runId, offsets);
            TableName source = dialect.source();
            stream = streams.create(properties, batch -> {
                for (ChangedKey change : batch) {
                    if (!fence.observe(change) && change.isFor(source.schema(), source.name())) {
                        dirty.mark(change.key(), change.txId(), batch.sequence());
                        progress.changesSeen.incrementAndGet();
                    }
                }
                // every key of the batch is marked: from now on the batch is acknowledged once they are all applied
                dirty.delivered(batch.sequence());
                progress.dirtyKeys.set(dirty.size());
            }, clock);
            fenceWriter = dialect.fenceWriter(fenceConnection, fence);
            if (!pinned) {
                stream.start(STREAM_START_LIMIT);
                awaitConsistentStream(fenceWriter);
            } else {
                streamStart = new BackgroundStreamStart(stream, dialect.fenceWriter(open("osc stream start "), fence));
            }
        }

        /** A stream starting beside the copy: its failure so far, or, with {@code wait}, once it has started. */
        private void checkStreamStart(boolean wait) throws Exception {
            BackgroundStreamStart starting = streamStart;
            if (starting != null && starting.check(wait)) {
                streamStart = null;
            }
        }

        /** A stream started beside the copy, on its own thread and fence connection. */
        private final class BackgroundStreamStart {
            private final java.util.concurrent.CompletableFuture<Void> started = new java.util.concurrent.CompletableFuture<>();
            private final Thread thread;

            BackgroundStreamStart(ChangeStream stream, FenceWriter fence) {
                thread = new Thread(() -> {
                    try {
                        stream.start(STREAM_START_LIMIT);
                        awaitConsistentStream(fence);
                        started.complete(null);
                    } catch (Throwable t) {
                        started.completeExceptionally(t);
                    }
                }, "osc-stream-start");
                thread.setDaemon(true);
                thread.start();
            }

            /** True once started; throws what stopped the start; with {@code wait}, waits for either. */
            boolean check(boolean wait) throws Exception {
                if (!wait && !started.isDone()) {
                    return false;
                }
                try {
                    started.get();
                    return true;
                } catch (java.util.concurrent.ExecutionException e) {
                    throw e.getCause() instanceof Exception failure ? failure : new IllegalStateException(e.getCause());
                }
            }

            /**
             * Ends a start still going, so that the stream it began is closed after it: a start about
             * to finish is let finish (closing an engine in the middle of its start makes it log
             * errors), one that takes longer is interrupted.
             */
            void stop() throws InterruptedException {
                thread.join(START_FINISH_WAIT.toMillis());
                thread.interrupt();
                thread.join(STREAM_START_LIMIT.toMillis());
            }
        }

        /**
         * A change committed while the stream starts may be missed, so a fresh sentinel is written
         * every {@link #START_SENTINEL_EVERY} until one of them comes back; from then on every commit is delivered.
         */
        private void awaitConsistentStream(FenceWriter fenceWriter) throws Exception {
            if (!fenceWriter.writeUntilOneArrives(START_SENTINEL_EVERY, STREAM_START_LIMIT)) {
                throw new IllegalStateException("the change stream did not deliver the start sentinel within "
                        + STREAM_START_LIMIT.toSeconds() + " s");
            }
        }

        /** Every chunk, with waiting changes applied between chunks. */
        void copy() throws Exception {
            enter("copy");
            copier = dialect.copier(writer);
            applier = dialect.applier(applierConnection);
            List<ChunkCopier> copiers = new java.util.ArrayList<>(List.of(copier));
            for (int i = 2; i <= settings.copyWorkers(); i++) {
                copiers.add(dialect.copier(open("osc copy " + i + " ")));
            }
            limiter = new RowRateLimiter(clock, sleeper, throttle);
            throttler = CopySignals.build(settings.signals(), throttle, clock, dialect, this::open, stream, fenceWriter, line -> {
                log.println("osc [copy] " + line);
                control.throttleChanged(throttler.current());
            });
            CopyWatermark watermark = new CopyWatermark();
            if (earlier != null) {
                // invariant 4: the watermark was committed with the chunk it covers, so everything below it is in the shadow;
                // chunks of a step that committed above it (copy workers) are copied again
                copier.discardAbove(earlier.watermark());
                watermark.restore(earlier.watermark());
                progress.rowsCopied.set(earlier.rowsCopied());
                progress.rowsResumed.set(earlier.rowsCopied());
            }
            loop = new CopyLoop(copier, dirty, watermark, new ChunkSizer(throttleSettings, throttle), limiter,
                    throttler, progress, clock, sleeper, this::health, APPLY_BATCH);
            if (dialect.keyDeferred()) {
                key = new DeferredKey(() -> dialect.buildKey(writer), dialect.retainedWalMb(open("osc key probe ")),
                        DeferredKey.Limits.under(settings.signals().maxRetainedWalMb()), clock, this::say);
                loop.keyedBy(key);
            }
            long copyStart = clock.millis();
            nextPositionTick = copyStart + POSITION_TICK.toMillis();
            if (key != null && earlier == null) {
                awaitSavedPosition();
            }
            try (dev.osc.engine.copy.CopyWorkers workers = new dev.osc.engine.copy.CopyWorkers(copiers)) {
                if (copiers.size() > 1) {
                    loop.copyWith(workers);
                }
                loop.copyAll(applier);
            } catch (CriticalSignalException e) {
                throw OscException.failed(e.getMessage() + ": the run stops and removes what it created", e);
            }
            // the indexes, the catch-up and the holds rely on the stream: a start beside the copy ends here
            checkStreamStart(true);
            result.put("copyMs", clock.millis() - copyStart);
        }

        /**
         * Before the first chunk of a copy into a bare heap: from the first chunk on, changes wait
         * for the key and hold the stream's acknowledgement back, so a run stopped before the key
         * is built resumes only from a position saved before that. The changes seen so far need no
         * apply (the copy reads their rows), so they are acknowledged, and the copy waits until the
         * stream saved that position (within {@link #POSITION_SAVE_LIMIT}; it says so if not). Without
         * changes nothing waits: the position then moves on during the copy.
         */
        private void awaitSavedPosition() throws Exception {
            Instant deadline = clock.instant().plus(POSITION_SAVE_LIMIT);
            while (dirty.marked() > 0 && !offsets.saved()) {
                while (dirty.size() > 0) {
                    dirty.applied(dirty.drain(APPLY_BATCH));
                }
                if (clock.instant().isAfter(deadline)) {
                    say("warning: the change stream saved no position within " + POSITION_SAVE_LIMIT.toSeconds()
                            + " s; a run stopped before the shadow's key is built starts its copy again");
                    return;
                }
                health();
                sleeper.sleep(Duration.ofMillis(20));
            }
        }

        /** Between chunks and applies: a stop or abort asked for, the stream's health and lag, the source's shape, the acknowledgement. */
        private void health() throws Exception {
            shutdown.stopIfAsked();
            control.abortIfAsked();
            checkStreamStart(false);
            ChangeStream running = stream;
            if (running.failure().isPresent()) {
                throw new IllegalStateException("the change stream stopped: " + rootMessage(running.failure().get()));
            }
            progress.streamLag(running.lagMillis());
            checkSourceNowAndThen();
            // the stream's position moves on only over batches whose keys the shadow has committed
            running.acknowledge(dirty.acknowledgeable());
            keepPositionMoving();
        }

        /**
         * Builds the indexes taken off for the copy: the primary key first, unless the copy built it
         * early (no change was applied before it), then the plain ones (the applier waits meanwhile), then, once caught up, the unique ones, again after catching up whenever
         * a change not yet applied left a transient duplicate.
         */
        void buildIndexes() throws Exception {
            enter("indexes");
            long indexStart = clock.millis();
            boolean plainBuilt = false;
            if (key != null) {
                plainBuilt = !key.present() && dialect.deferredIndexes() > dialect.deferredUniqueIndexes();
                if (plainBuilt) {
                    buildKeyBesidePlainIndexes();
                } else {
                    key.build("the copy is done");
                }
                result.put("keyBuildMs", key.buildMs());
            }
            if (dialect.deferredIndexes() > 0) {
                loop.catchUp(applier, CATCH_UP_THRESHOLD, CATCH_UP_LIMIT);
                if (!plainBuilt) {
                    dialect.buildIndexes(writer, false);
                }
                buildUniqueIndexes();
            }
            result.put("indexBuildMs", clock.millis() - indexStart);
        }

        /**
         * The key on the copy's connection and the plain indexes on the rename's (idle until the
         * swap) at the same time: each build takes a SHARE lock, which does not conflict with
         * itself, and no change is applied before the key is there anyway. A failure of either is
         * thrown once both ended.
         */
        private void buildKeyBesidePlainIndexes() throws Exception {
            java.util.concurrent.FutureTask<Void> plain = new java.util.concurrent.FutureTask<>(() -> {
                dialect.buildIndexes(secondConnection, false);
                return null;
            });
            Thread builder = new Thread(plain, "osc-index-build");
            builder.setDaemon(true);
            builder.start();
            Exception keyFailure = null;
            try {
                key.build("the copy is done; the other indexes are built beside it");
            } catch (Exception e) {
                keyFailure = e;
                throw e;
            } finally {
                try {
                    plain.get();
                } catch (java.util.concurrent.ExecutionException e) {
                    Exception failure = e.getCause() instanceof Exception cause ? cause : e;
                    if (keyFailure != null) {
                        // both failed: the plain indexes' failure is thrown, the key's goes with it
                        failure.addSuppressed(keyFailure);
                    }
                    throw failure;
                }
            }
        }

        /**
         * Without its unique indexes the shadow cannot detect a unique conflict (invariant 8 repairs
         * on the index's error), so between two applies it may hold a transient duplicate: one half
         * of a swap of unique values applied, the other still in the stream. So writers are held
         * for a moment to apply every change (the same short window as the checksum's): the shadow
         * then equals the source at one moment, and nothing writes it until the build is done. A
         * duplicate then is in the data itself, unless the source changed its unique keys meanwhile.
         */
        private void buildUniqueIndexes() throws Exception {
            if (dialect.deferredUniqueIndexes() == 0) {
                return;
            }
            for (int attempt = 1; ; attempt++) {
                loop.catchUp(applier, CATCH_UP_THRESHOLD, CATCH_UP_LIMIT);
                CutoverResult held = cutover.run(window(dialect.checksumHold(lockConnection, applier, List.of())));
                result.put("uniqueIndexBlockingMs", held.blockingWindow().toMillis());
                try {
                    dialect.buildIndexes(writer, true);
                    return;
                } catch (SQLException e) {
                    if (!dialect.isDuplicate(e) || attempt >= UNIQUE_INDEX_ATTEMPTS) {
                        throw e;
                    }
                    log.println("osc [indexes] the shadow held a duplicate after a consistent flush (" + Connector.oneLine(e)
                            + "); flushing and building again");
                }
            }
        }

        void catchUp() throws Exception {
            enter("catch-up");
            loop.catchUp(applier, CATCH_UP_THRESHOLD, CATCH_UP_LIMIT);
            dialect.analyze(writer);
        }

        /**
         * Invariant 6: holds writers for a moment to apply every change, opens one snapshot in which
         * source and shadow must agree, releases the writers and compares chunk by chunk. A
         * mismatching chunk is copied again and the whole comparison repeated.
         */
        void verify() throws Exception {
            long checksumStart = clock.millis();
            String outcome = "skipped";
            if (settings.checksum()) {
                enter("checksum");
                outcome = checksumRounds();
            }
            result.put("checksum", outcome);
            result.put("checksumMs", clock.millis() - checksumStart);
        }

        private String checksumRounds() throws Exception {
            return checksumRounds(dialect.checksum(snapshots.get(0)), () -> dialect.checksumHold(lockConnection, applier, snapshots),
                    applier, true);
        }

        /** {@code recopy}: a mismatching chunk is copied again (the forward direction); else a mismatch fails. */
        private String checksumRounds(Checksum checksum, java.util.function.Supplier<WriterHold> holds, KeyApplier catchUp,
                                      boolean recopy) throws Exception {
            long mismatched = 0;
            for (int round = 1; round <= CHECKSUM_ROUNDS; round++) {
                loop.catchUp(catchUp, CATCH_UP_THRESHOLD, CATCH_UP_LIMIT);
                WriterHold hold = holds.get();
                CutoverResult held = cutover.run(window(hold, catchUp));
                result.put("checksumBlockingMs", held.blockingWindow().toMillis());
                Checksum.Result compared;
                try {
                    compared = checksum.compare(snapshots);
                } finally {
                    for (Connection snapshot : snapshots) {
                        dialect.endSnapshot(snapshot);
                    }
                }
                result.put("checksumRounds", (long) round);
                result.put("checksumMismatchedChunks", mismatched += compared.mismatches().size());
                if (compared.matches()) {
                    return "match: " + compared.rows() + " rows in " + compared.chunks() + " chunks, digest " + compared.digest();
                }
                if (!recopy) {
                    throw new IllegalStateException("the old table differs from the new one in " + compared.mismatches().size()
                            + " chunk(s) (first: keys above " + compared.mismatches().get(0).lower() + "): not swapped back");
                }
                log.printf("osc [checksum] %d chunk(s) differ in round %d; copying them again%n", compared.mismatches().size(), round);
                for (Checksum.Mismatch m : compared.mismatches()) {
                    for (List<String> stale : copier.recopy(m.lower(), m.upper()).staleKeys()) {
                        dirty.mark(stale, 0);
                    }
                }
            }
            throw new IllegalStateException("source and shadow still differ after " + CHECKSUM_ROUNDS + " checksum rounds");
        }

        /**
         * A postponed swap waits for the operator, applying changes meanwhile; after a long wait
         * the checksum is done again right before the swap.
         */
        void awaitOperator() throws Exception {
            if (!gate.postponed()) {
                return;
            }
            enter("postponed");
            Duration waited = gate.await(() -> {
                health();
                loop.applyAvailable(applier);
            });
            if (settings.checksum() && CutoverGate.needsNewChecksum(waited)) {
                log.printf("osc [postponed] waited %d s: checksum again before the swap%n", waited.toSeconds());
                verify();
            }
        }

        /** Invariant 5: under the lock, the fence, then the final apply on the hold's connection, then the check, then the rename. */
        void swap() throws Exception {
            enter("cutover");
            control.beginSwap();
            loop.catchUp(applier, CATCH_UP_THRESHOLD, CATCH_UP_LIMIT);
            CutoverResult cut = cutover.run(window(dialect.swapHold(lockConnection, secondConnection)));
            swapped = true;
            result.put("cutoverBlockingMs", cut.blockingWindow().toMillis());
            result.put("cutoverAttempts", cut.attempts());
            log.printf("osc [cutover] swapped in %d ms (attempt %d)%n", cut.blockingWindow().toMillis(), cut.attempts());
        }

        /** A new stage: shown in the progress line and recorded in the run's state row (which exists from prepare on). */
        private void enter(String phase) throws SQLException {
            shutdown.stopIfAsked();
            control.abortIfAsked();
            progress.phase(phase);
            dialect.phase(writer, phase);
        }

        private LockedWindow window(WriterHold hold) {
            return window(hold, applier);
        }

        private LockedWindow window(WriterHold hold, KeyApplier catchUp) {
            return new LockedWindow(hold, loop, catchUp, dirty, fenceWriter, FENCE_TIMEOUT, this::retrying, shape);
        }

        /**
         * An acknowledgement reaches the stream's saved position only with a later delivery, and a
         * quiet table delivers nothing (MariaDB's stream has no heartbeat): a sentinel now and then
         * keeps the saved position close behind the copy, so a resumed run replays little.
         */
        private void keepPositionMoving() throws Exception {
            long now = clock.millis();
            if (now >= nextPositionTick) {
                fenceWriter.writeAndAwait(Duration.ZERO);
                nextPositionTick = now + POSITION_TICK.toMillis();
            }
        }

        /** A schema change on the source stops the run as soon as it is seen, not only at the swap. */
        private void checkSourceNowAndThen() throws SQLException {
            long now = clock.millis();
            if (now >= nextShapeCheck) {
                shape.check(fenceConnection);
                nextShapeCheck = now + SOURCE_CHECK_INTERVAL.toMillis();
            }
        }

        void afterSwap() throws Exception {
            if (settings.control().revertWindow() != null) {
                revertWindow();
            }
            finishAfterSwap();
        }

        /** The stream stopped; the old table kept or dropped, or, after a swap back, the new table dropped. */
        private void finishAfterSwap() throws Exception {
            progress.phase("cleanup");
            stream.close();
            if (reverted) {
                reversal.afterRevert(fenceConnection, result);
            } else if (reversal != null) {
                reversal.close(fenceConnection, settings.dropOld(), result);
            } else {
                dialect.afterSwap(fenceConnection, settings.dropOld(), result);
            }
        }

        /**
         * The revert window: the stream goes on, now carrying the new table's changes, and the
         * applier writes them into the old table through the reverse mapping, until the window
         * ends or a revert is asked for. A change the old table cannot take (a value its type
         * cannot hold) makes a revert impossible: the window stays open, says why, and keeps
         * nothing in step any more. A failure (a stop, the stream) closes the window, the old table kept.
         */
        private void revertWindow() throws Exception {
            reversal = dialect.reversal();
            reversal.open(fenceConnection);
            windowOpen(clock.instant().plus(settings.control().revertWindow()));
        }

        /**
         * A run stopped in its revert window, carried on: the stream from its saved position (the
         * changes made while it was down come first), then the window until its saved end.
         */
        void resumeWindow(Reversal resumed, Instant ends) throws Exception {
            boolean completed = false;
            Thread onSignal = new Thread(this::onShutdown, "osc-cleanup-on-exit");
            shutdownHooks.add(onSignal);
            swapped = true;
            control.beginSwap();
            try (AdminServer admin = startAdmin()) {
                openConnections();
                reversal = resumed;
                dialect.adminPort(writer, admin == null ? null : admin.port());
                progress.phase("capture");
                startStream(false);
                CopyWatermark all = new CopyWatermark();
                all.restore(dev.osc.engine.copy.Bound.all());
                limiter = new RowRateLimiter(clock, sleeper, throttle);
                loop = new CopyLoop(null, dirty, all, new ChunkSizer(throttleSettings, throttle), limiter, progress, clock, sleeper,
                        this::health, APPLY_BATCH);
                windowOpen(ends);
                finishAfterSwap();
                report();
                completed = true;
            } catch (Exception e) {
                interruptedIfAsked(e);
                throw e;
            } finally {
                cleanup(onSignal, completed);
            }
        }

        /** The window, open until {@code ends}: changes kept in step, a revert done when asked for. */
        private void windowOpen(Instant ends) throws Exception {
            // the end first: a run stopped once its phase says revert-window is carried on until then
            dialect.windowEnds(writer, ends);
            enter(RunState.REVERT_WINDOW);
            // from now on the table whose definition must not change under the run is the new one
            shape = SourceShape.capture(dialect.source(), reversal::definition, fenceConnection);
            KeyApplier back = reversal.applier(applierConnection);
            control.openRevertWindow(ends, reversal.oldTable());
            say("the old table " + reversal.oldTable() + " follows " + dialect.source() + " until " + ends
                    + ": osc revert --table " + dialect.source() + " swaps it back");
            try {
                while (true) {
                    health();
                    if (control.revertAsked() && control.revertProblem() == null && revert(back)) {
                        return;
                    }
                    if (!clock.instant().isBefore(ends)) {
                        say("the revert window is over: " + dialect.source() + " keeps its new shape");
                        return;
                    }
                    applyBack(back);
                    sleeper.sleep(WINDOW_TICK);
                }
            } catch (Exception e) {
                if (!reverted) {
                    closeWindowAfterFailure();
                }
                throw e;
            } finally {
                control.closeRevertWindow();
            }
        }

        /** Applies the new table's changes to the old one; a data error there makes a revert impossible from then on. */
        private void applyBack(KeyApplier back) throws Exception {
            if (control.revertProblem() != null) {
                loop.applyAvailable(DISCARDING);
                return;
            }
            try {
                loop.applyAvailable(back);
            } catch (Exception e) {
                revertImpossibleOn(e);
                loop.applyAvailable(DISCARDING);
            }
        }

        /**
         * A data error from writing into the old table (a value its type cannot hold) makes a revert
         * impossible from then on: said, recorded, and the window stays open; any other failure is thrown.
         */
        private void revertImpossibleOn(Exception e) throws Exception {
            SQLException sql = sqlCause(e);
            if (sql == null || !reversal.rows().rules().isDataError(sql)) {
                throw e;
            }
            String problem = "a row written after the swap cannot be written back to the old table " + reversal.oldTable()
                    + " (" + Connector.oneLine(sql) + ")";
            control.revertImpossible(problem);
            // the old table falls behind from here on: a stopped run must be finished, not carried on
            enter(RunState.REVERT_IMPOSSIBLE);
            say("warning: " + problem + ": a revert is no longer possible; the window stays open until it ends");
        }

        /**
         * The swap back: caught up, the checksum of the two tables, then the same hold, fence and
         * final apply as the swap. False when a change the old table cannot take turned up on the
         * way (the hold, if taken, rolled back): the revert is refused and the window stays open.
         */
        private boolean revert(KeyApplier back) throws Exception {
            enter(RunState.REVERT);
            CutoverResult cut;
            try {
                loop.catchUp(back, CATCH_UP_THRESHOLD, CATCH_UP_LIMIT);
                if (settings.checksum()) {
                    result.put("revertChecksum", checksumRounds(reversal.checksum(snapshots.get(0)),
                            () -> reversal.checksumHold(lockConnection, back, snapshots), back, false));
                }
                cut = cutover.run(window(reversal.swapBackHold(lockConnection, secondConnection), back));
            } catch (Exception e) {
                revertImpossibleOn(e);
                return false;
            }
            reverted = true;
            result.put("reverted", true);
            result.put("revertBlockingMs", cut.blockingWindow().toMillis());
            say("swapped back in " + cut.blockingWindow().toMillis() + " ms: " + dialect.source() + " has its old shape again");
            return true;
        }

        /** After a failure in the window: the old table kept as after a swap without one (best effort; said when it fails). */
        private void closeWindowAfterFailure() {
            try {
                reversal.close(fenceConnection, settings.dropOld(), result);
            } catch (SQLException e) {
                log.println("osc: warning: the old table " + reversal.oldTable() + " could not be set aside (" + Connector.oneLine(e) + ")");
            }
        }

        private void report() {
            result.put("rowsCopied", progress.rowsCopied.get());
            result.put("changesApplied", progress.changesApplied.get());
            result.put("streamLagMaxMs", progress.streamLagMaxMillis.get());
            java.util.Map<String, Long> byReason = throttledByReason();
            result.put("throttledMs", byReason.values().stream().mapToLong(Long::longValue).sum());
            result.put("throttledMsByReason", byReason);
        }

        /** The time the copy waited, per signal, and for the rate limit; empty before the copy. */
        private java.util.Map<String, Long> throttledByReason() {
            java.util.Map<String, Long> byReason = new java.util.LinkedHashMap<>();
            Throttler signals = throttler;
            RowRateLimiter rate = limiter;
            if (signals != null) {
                byReason.putAll(signals.throttledMillis());
            }
            long limited = rate == null ? 0 : rate.throttledTime().toMillis();
            if (limited > 0) {
                byReason.put("rate-limit", limited);
            }
            return byReason;
        }

        /** The run's own end: removes what it created, unless the JVM's shutdown does (then that reports it). */
        private void cleanup(Thread onSignal, boolean completed) {
            // when the JVM is already exiting the hook stays: it reports the cleanup this thread does (or waits for)
            shutdownHooks.remove(onSignal);
            String problem = shutdown.cleanupOnce();
            if (problem != null && !shutdown.asked()) {
                log.println("osc: cleanup incomplete: " + problem);
                if (completed) {
                    throw OscException.failed("the table was altered, but cleanup is incomplete: " + problem, null);
                }
            }
        }

        /** Stops the stream, closes every connection, then removes what the run created (after a swap: only its helpers). */
        private String removeAll() {
            closeAll();
            return dialect.cleanup(swapped);
        }

        private void closeAll() {
            BackgroundStreamStart starting = streamStart;
            if (starting != null) {
                try {
                    starting.stop();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            ChangeStream running = stream;
            if (running != null) {
                running.close();
            }
            if (offsetJournal != null) {
                try {
                    offsetJournal.close();
                } catch (Exception ignored) {
                    // only forgets the registration
                }
            }
            for (Connection c : connections) {
                closeQuietly(c);
            }
        }

        /**
         * The shutdown hook (SIGTERM, Ctrl-C): the run stops at its next safe point and cleans up,
         * or after the grace period its stream and connections are closed under it; then one line
         * says what was removed. Once the swap has begun the run is not forced: the swap finishes or
         * rolls back on its own, and the line says which.
         */
        private void onShutdown() {
            String phase = progress.phase.get();
            try {
                String problem = shutdown.stop(phase, SHUTDOWN_GRACE, () -> {
                    if (swapped || "cutover".equals(progress.phase.get())) {
                        shutdown.awaitCleanup(SWAP_END_LIMIT);
                    } else {
                        closeAll();
                    }
                });
                log.println(interruptedLine(phase, problem));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            log.flush();
        }

        private String interruptedLine(String phase, String problem) {
            String head = "osc: interrupted (" + ShutdownSignal.describe() + ") " + (swapped ? "after the swap" : "during " + phase);
            String source = swapped ? "the table was altered" : "the source is unchanged";
            if (problem != null) {
                return head + ": cleanup incomplete: " + problem + "; " + source;
            }
            return swapped ? head + ": " + source + "; removed only the run's helpers: " + dialect.removedByCleanup(true)
                    : head + ": removed " + dialect.removedByCleanup(false) + "; " + source;
        }

        private void retrying(String reason) {
            shutdown.stopIfAsked();
            control.abortIfAsked();
            if (stream != null && stream.failure().isPresent()) {
                // a hold would wait for a sentinel that cannot come back: fail now rather than hold writers again
                throw new IllegalStateException("the change stream stopped: " + rootMessage(stream.failure().get()));
            }
            log.println("osc [" + progress.phase.get() + "] retrying: " + reason);
        }
    }

    /** The checksum's workers, each on its own connection in the shared snapshot: as many as copy workers, at least 2. */
    static int checksumWorkers(RunSettings settings) {
        return Math.max(2, settings.copyWorkers());
    }

    private static SQLException sqlCause(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (c instanceof SQLException s) {
                return s;
            }
        }
        return null;
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

    private static void closeQuietly(Connection c) {
        try {
            c.close();
        } catch (SQLException ignored) {
            // the connection is gone already
        }
    }
}
