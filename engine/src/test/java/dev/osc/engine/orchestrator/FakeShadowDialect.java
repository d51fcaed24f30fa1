package dev.osc.engine.orchestrator;

import dev.osc.cdc.ChangedKey;
import dev.osc.cdc.Fence;
import dev.osc.cutover.RetriableCutoverException;
import dev.osc.engine.copy.ApplyOutcome;
import dev.osc.engine.copy.Bound;
import dev.osc.engine.copy.Checksum;
import dev.osc.engine.copy.ChunkCopier;
import dev.osc.engine.copy.CopyOutcome;
import dev.osc.engine.copy.KeyApplier;
import dev.osc.engine.model.ColumnMapping;
import dev.osc.engine.model.TableInfo;
import dev.osc.engine.model.TableName;
import dev.osc.engine.run.Orchestrator;
import dev.osc.engine.run.Plan;
import dev.osc.engine.run.RunResult;
import dev.osc.engine.run.Strategy;
import dev.osc.engine.shadow.FenceWriter;
import dev.osc.engine.shadow.ShadowDialect;
import dev.osc.engine.shadow.WriterHold;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Properties;

/**
 * A shadow dialect without a database: it records, in order, every step the orchestrator asks
 * of it. Keys 1..{@code rows} form the table; chunks are {@code rows / 3} keys wide. The fence
 * loses its first {@code lostSentinels} sentinels (a stream that is not consistent yet), and
 * delivers {@link #writesBeforeSwapLock} through the stream only with the sentinel written after
 * the swap's lock (writes that committed just before the lock).
 */
class FakeShadowDialect implements ShadowDialect {
    final List<String> events = Collections.synchronizedList(new ArrayList<>());
    final TableName source = new TableName("public", "t");
    final TableName fenceTable = new TableName("public", "_t_osc_fence");
    final List<List<String>> writesBeforeSwapLock = new ArrayList<>();
    /** Whether the swap's holder applier commits (MariaDB) or writes in the lock's transaction (PostgreSQL). */
    boolean swapHolderCommits = true;
    /** How many swap attempts fail retriably while writers are held, after the final apply. */
    int swapRetriableFailures;
    /** Runs with every chunk copied (a test plays another session's work here). */
    Runnable duringCopy = () -> { };
    private final int rows;
    private int lostSentinels;
    private FakeStream stream;
    private boolean swapLocked;

    FakeShadowDialect(int rows, int lostSentinels) {
        this.rows = rows;
        this.lostSentinels = lostSentinels;
    }

    void attach(FakeStream stream) {
        this.stream = stream;
    }

    /** Whether {@link #pinStreamStart} pins: not by default, so the stream starts before the copy. */
    boolean pinsStreamStart;

    @Override
    public boolean pinStreamStart(Connection c) {
        if (pinsStreamStart) {
            events.add("pin stream start");
        }
        return pinsStreamStart;
    }

    /** A change of the source's row {@code key}, delivered through the stream now. */
    void changed(String key) {
        stream.deliver(new ChangedKey(source.schema(), source.name(), List.of(key), 9, 0));
    }

    /** Index of the first event starting with {@code prefix}, or -1. */
    int indexOf(String prefix) {
        for (int i = 0; i < events.size(); i++) {
            if (events.get(i).startsWith(prefix)) {
                return i;
            }
        }
        return -1;
    }

    /** The source's definition; a test changes it to play a DDL made on the source during the run. */
    final List<String> definition = new ArrayList<>(List.of("column id bigint NOT NULL", "column v integer"));

    @Override
    public List<String> sourceDefinition(Connection c) {
        return List.copyOf(definition);
    }

    @Override
    public dev.osc.engine.shadow.RunNames names() {
        throw new UnsupportedOperationException("the fake names its tables itself");
    }

    @Override
    public dev.osc.engine.shadow.HelperTableSql helperTables() {
        throw new UnsupportedOperationException("the fake has no helper tables");
    }

    @Override
    public dev.osc.engine.rows.RowDialect rows() {
        throw new UnsupportedOperationException("the fake copies and applies without SQL");
    }

    @Override
    public dev.osc.engine.shadow.DeferredIndexes indexes() {
        throw new UnsupportedOperationException("the fake has no indexes");
    }

    @Override
    public TableName source() {
        return source;
    }

    @Override
    public TableName fence() {
        return fenceTable;
    }

    @Override
    public List<dev.osc.throttling.ReplicaLagSource> replicaLag(Connection primary, java.time.Clock clock) {
        return List.of();
    }

    @Override
    public dev.osc.throttling.Probe retainedWalMb(Connection c) {
        return () -> 0;
    }

    @Override
    public dev.osc.throttling.StreamWatch streamRetention(Connection c, java.util.function.Supplier<dev.osc.cdc.StreamPosition> acknowledged) {
        return new dev.osc.throttling.StreamWatch() {
            @Override
            public String name() {
                return "stream-retention";
            }

            @Override
            public Optional<String> check(java.time.Duration throttledFor) {
                return Optional.empty();
            }
        };
    }

    @Override
    public dev.osc.engine.shadow.LoadProbe loadProbe(Connection c) {
        return new dev.osc.engine.shadow.LoadProbe() {
            @Override
            public long read() {
                return 0;
            }

            @Override
            public String unit() {
                return "sessions";
            }
        };
    }

    @Override
    public Connection open(String role) {
        String name = role.replaceAll(" [0-9]{14}_\\w+$", "");
        return (Connection) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Connection.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "close" -> null;
                    case "toString" -> name;
                    case "isClosed" -> false;
                    default -> throw new UnsupportedOperationException(method.getName() + " on a fake connection");
                });
    }

    @Override
    public void prepare(Connection writer) {
        events.add("prepare");
    }

    @Override
    public String adopt(Connection writer) {
        events.add("adopt");
        return null;
    }

    @Override
    public void finishAfterSwap(Connection c, boolean dropOld, RunResult result) {
        events.add("finish after swap");
    }

    @Override
    public boolean shadowExists(Connection c) {
        return true;
    }

    @Override
    public String streamPositionGone(Connection c, String offsets) {
        return null;
    }

    @Override
    public void startCapture(Connection c) {
        events.add("start capture");
    }

    @Override
    public Properties streamProperties() {
        return new Properties();
    }

    @Override
    public FenceWriter fenceWriter(Connection c, Fence fence) {
        return timeout -> {
            String token = "sentinel-" + events.size();
            if (lostSentinels > 0) {
                lostSentinels--;
                events.add("sentinel lost");
                return false;
            }
            if (swapLocked) {
                for (List<String> key : writesBeforeSwapLock) {
                    stream.deliver(new ChangedKey(source.schema(), source.name(), key, 7, 0));
                }
                writesBeforeSwapLock.clear();
            }
            stream.deliver(new ChangedKey(fenceTable.schema(), fenceTable.name(), List.of(token), 0, 0));
            boolean back = fence.await(token, timeout);
            events.add("sentinel back " + back);
            return back;
        };
    }

    @Override
    public ChunkCopier copier(Connection writer) {
        int width = Math.max(1, rows / 3);
        return new ChunkCopier() {
            @Override
            public Optional<List<String>> upperBound(Bound lower, int chunkRows) {
                long from = lower.kind() == Bound.Kind.KEY ? Long.parseLong(lower.key().get(0)) : 0;
                long to = from + width;
                return to >= rows ? Optional.empty() : Optional.of(List.of(Long.toString(to)));
            }

            @Override
            public CopyOutcome copy(Bound lower, Bound upper) {
                events.add("copy " + describe(lower) + ".." + describe(upper));
                duringCopy.run();
                return new CopyOutcome(width, List.of());
            }

            @Override
            public CopyOutcome recopy(Bound lower, Bound upper) {
                events.add("recopy " + describe(lower) + ".." + describe(upper));
                return new CopyOutcome(width, List.of());
            }
        };
    }

    private static String describe(Bound b) {
        return b.kind() == Bound.Kind.KEY ? b.key().get(0) : b.kind().name().toLowerCase();
    }

    @Override
    public KeyApplier applier(Connection c) {
        return applierNamed("apply on " + c);
    }

    private KeyApplier applierNamed(String label) {
        return (batch, upTo) -> {
            events.add(label + " " + batch.keys());
            return new ApplyOutcome(true, batch.size(), List.of());
        };
    }

    /** Whether the shadow's key is taken off for the copy, as the PostgreSQL dialect does. */
    boolean keyDeferred;

    @Override
    public boolean keyDeferred() {
        return keyDeferred;
    }

    @Override
    public void buildKey(Connection c) {
        events.add("build key");
        keyDeferred = false;
    }

    @Override
    public int deferredIndexes() {
        return 0;
    }

    @Override
    public int deferredUniqueIndexes() {
        return 0;
    }

    @Override
    public void buildIndexes(Connection c, boolean unique) {
        events.add("build indexes");
    }

    @Override
    public boolean isDuplicate(java.sql.SQLException e) {
        return false;
    }

    @Override
    public Checksum checksum(Connection c) {
        return snapshots -> {
            events.add("checksum compare");
            return new Checksum.Result(rows, 1, List.of(), "0");
        };
    }

    @Override
    public void analyze(Connection c) {
        events.add("analyze");
    }

    @Override
    public WriterHold checksumHold(Connection lock, KeyApplier committingApplier, List<Connection> snapshots) {
        return hold("checksum", committingApplier, false, true);
    }

    @Override
    public void endSnapshot(Connection snapshot) {
        events.add("end snapshot");
    }

    @Override
    public WriterHold swapHold(Connection lock, Connection second) {
        return hold("swap", applierNamed("apply on the lock holder " + lock), true, swapHolderCommits);
    }

    private WriterHold hold(String what, KeyApplier holderApplier, boolean swap, boolean holderCommits) {
        return new WriterHold() {
            @Override
            public void lock() {
                events.add("lock for " + what);
                swapLocked = swap;
            }

            @Override
            public Connection connection() {
                return open("osc " + what + " lock");
            }

            @Override
            public KeyApplier holderApplier() {
                return holderApplier;
            }

            @Override
            public boolean holderCommits() {
                return holderCommits;
            }

            @Override
            public void whileHeld() throws RetriableCutoverException {
                if (swap && swapRetriableFailures > 0) {
                    swapRetriableFailures--;
                    events.add("rename lost a lock wait");
                    throw new RetriableCutoverException("the rename lost a lock wait");
                }
                events.add(swap ? "rename" : "open snapshots");
            }

            @Override
            public void release() {
                events.add("release " + what);
                swapLocked = false;
            }

            @Override
            public void abandon() {
                events.add("abandon " + what);
                swapLocked = false;
            }
        };
    }

    @Override
    public void afterSwap(Connection c, boolean dropOld, RunResult result) {
        events.add("after swap");
    }

    @Override
    public void adminPort(Connection c, Integer port) {
        // the fake has no state row to record it in
    }

    @Override
    public void saveSourceShape(Connection c, dev.osc.engine.shadow.SourceShape shape) {
        // the fake has no state row to record it in
    }

    @Override
    public void phase(Connection c, String phase) {
        events.add("phase " + phase);
    }

    @Override
    public String cleanup(boolean swapped) {
        events.add("cleanup swapped=" + swapped);
        return null;
    }

    @Override
    public String removedByCleanup(boolean swapped) {
        return swapped ? "the helpers" : "the shadow and the helpers";
    }

    /** The command's part before the strategy: resolves to the source, locks nothing, plans the shadow path over this dialect. */
    Orchestrator.Dialect planning() {
        FakeShadowDialect shadow = this;
        return new Orchestrator.Dialect() {
            @Override
            public TableName resolve(Connection c) {
                return source;
            }

            @Override
            public AutoCloseable lockRun(TableName table) {
                return () -> { };
            }

            @Override
            public Orchestrator.Planned plan(Connection c, TableName table, String runId, boolean resuming) {
                TableInfo info = new TableInfo(table, 1, List.of(), List.of("id"), "primary key", 9, 1 << 20, List.of(),
                        List.of(), List.of(), List.of(), List.of(), false, false, false);
                Plan plan = new Plan(info, new ColumnMapping(List.of()), Strategy.SHADOW, List.of("asked for"), List.of(),
                        List.of(), List.of(), List.of(), List.of());
                return new Orchestrator.Planned(plan, java.util.Map.of(), (conn, retrier, lockTimeout, interrupt) -> {
                    throw new AssertionError("the shadow path was planned");
                }, id -> shadow);
            }
        };
    }
}
