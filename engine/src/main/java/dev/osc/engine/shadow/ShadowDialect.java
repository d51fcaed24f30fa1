package dev.osc.engine.shadow;

import dev.osc.cdc.Fence;
import dev.osc.engine.copy.Checksum;
import dev.osc.engine.copy.ChunkCopier;
import dev.osc.engine.copy.KeyApplier;
import dev.osc.engine.model.TableName;
import dev.osc.engine.rows.RowApplier;
import dev.osc.engine.rows.RowCopier;
import dev.osc.engine.rows.RowDialect;
import dev.osc.engine.run.RunResult;
import dev.osc.cdc.StreamPosition;
import dev.osc.throttling.Probe;
import dev.osc.throttling.ReplicaLagSource;
import dev.osc.throttling.StreamWatch;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.time.Clock;
import java.util.Properties;
import java.util.function.Supplier;

/**
 * What the shadow path needs from one database: its facets (the run's names, its helper tables'
 * DDL, the row statements and rules, the deferred indexes) and what only it knows how to do
 * (build the shadow, its stream settings, its checksum queries, its lock and rename statements).
 * The mechanisms built from the facets are written once, here and in {@link dev.osc.engine.run.Orchestrator},
 * which holds the stage sequence.
 */
public interface ShadowDialect {

    /** The names of everything the run creates beside the source. */
    RunNames names();

    /** The DDL and quoting of the run's state and fence tables. */
    HelperTableSql helperTables();

    /** The row statements, binder and rules over the shadow; known once {@link #prepare} built the shadow. */
    RowDialect rows();

    /** The shadow's secondary indexes that {@link #prepare} took off for the copy. */
    DeferredIndexes indexes();

    /** The source's definition from the catalog, one line per column, index or constraint (see {@link SourceShape}). */
    List<String> sourceDefinition(Connection c) throws SQLException;

    /** The server's load, read on {@code c} (a connection of its own), for {@code --max-load} and {@code --critical-load}. */
    LoadProbe loadProbe(Connection c);

    /**
     * Where {@code --max-lag-ms} reads replica lag: each {@code --replica} server (on connections
     * of their own, closed by {@link #cleanup}), or, with none named, what {@code primary} shows
     * (PostgreSQL: its standbys; the others need them named, and {@code primary} is null then).
     */
    List<ReplicaLagSource> replicaLag(Connection primary, Clock clock);

    /** {@code --max-retained-wal-mb}: the MiB of WAL the run's slot holds back, read on {@code c} (PostgreSQL only). */
    Probe retainedWalMb(Connection c);

    /** Warns, read on {@code c}, when what the change stream needs kept (WAL, binary logs) is in danger. */
    StreamWatch streamRetention(Connection c, Supplier<StreamPosition> acknowledged);

    /** Opens a connection for one role of the run (named so an operator can find it). */
    Connection open(String role) throws SQLException;

    /** Creates the run's state and fence tables and the shadow with the ALTER applied; takes its secondary indexes off. */
    void prepare(Connection writer) throws SQLException;

    /**
     * After a crash, instead of {@link #prepare}: learns what prepare knew about the run's existing
     * shadow (mapping, statements, the deferred indexes not built yet) and leaves it as it is.
     * Returns why it cannot (the shadow is gone, or its columns are not what the ALTER of the
     * source as it stands now gives), or null once adopted.
     */
    String adopt(Connection writer) throws SQLException;

    /** True while the run's shadow table exists (after the swap it does not: the source has its name). */
    boolean shadowExists(Connection c) throws SQLException;

    /** Why the change stream cannot resume from {@code offsets} (a slot or binlog gone), or null when it can. */
    String streamPositionGone(Connection c, String offsets) throws SQLException;

    /** Adjusts the stream's settings for a restart from a saved position (none by default). */
    default void resumingStream(Properties properties) {
    }

    /**
     * The copy chunk's time target when the user sets none: a chunk that holds no writer can run
     * long enough to keep its per-chunk costs small (500 ms, the default); a dialect whose chunks
     * hold the writers of their rows picks a shorter one.
     */
    default Duration defaultChunkTarget() {
        return Duration.ofMillis(500);
    }

    /** What the server needs before the stream starts (a publication), if anything. */
    void startCapture(Connection c) throws SQLException;

    Properties streamProperties();

    /**
     * Fixes where the stream of a fresh run starts, now, before the copy: saves in the run's state
     * row the offsets it starts from (as {@link dev.osc.cdc.DurableOffsetStore} keeps them), every
     * change committed after this call included, however long its own start then takes; true then.
     * False when the dialect cannot (the default): the stream then has to be consistent before the first chunk.
     */
    default boolean pinStreamStart(Connection c) throws SQLException {
        return false;
    }

    /** The checksum, with its row hash chosen on {@code c}. */
    Checksum checksum(Connection c) throws SQLException;

    /** Gathers the shadow's planner statistics once it is filled, so the new table is planned well from the swap on. */
    void analyze(Connection c) throws SQLException;

    /**
     * Holds writers on {@code lock} and, once every change is applied, opens a snapshot on each of
     * {@code snapshots}; {@code committingApplier} is the run's own applier, for a lock that lets it read the source.
     */
    WriterHold checksumHold(Connection lock, KeyApplier committingApplier, List<Connection> snapshots);

    /** Holds writers on {@code lock} and swaps the tables (with {@code second} where the database needs two connections). */
    WriterHold swapHold(Connection lock, Connection second) throws SQLException;

    /** After the swap: validations, the old table (kept or dropped); reports into {@code result}. */
    void afterSwap(Connection c, boolean dropOld, RunResult result) throws SQLException;

    /**
     * For a run that stopped after its swap committed (the run is not adopted): what
     * {@link #afterSwap} had still to do with the old table, as far as the catalog shows it.
     */
    void finishAfterSwap(Connection c, boolean dropOld, RunResult result) throws SQLException;

    /**
     * The same for a run that stopped in {@code phase}: after a swap back ({@link RunState#REVERTED})
     * the new table is dropped; in a revert window the old table is set aside as after a swap.
     */
    default void finishAfterSwap(Connection c, boolean dropOld, RunResult result, String phase) throws SQLException {
        finishAfterSwap(c, dropOld, result);
    }

    /** Removes what the run created; after a swap, only its helpers. Null when clean, else what is left. */
    String cleanup(boolean swapped);

    /** What {@link #cleanup} removes, for the operator: {@code the shadow, fence and state tables, ...}. */
    String removedByCleanup(boolean swapped);

    default TableName source() {
        return names().source();
    }

    /** The table whose sentinel rows prove the stream caught up. */
    default TableName fence() {
        return names().fence();
    }

    default FenceWriter fenceWriter(Connection c, Fence fence) {
        return new SentinelWriter(c, helperTables(), names(), fence);
    }

    /** The copier on the run's writer connection, checkpointing into the run's state row; it returns the stale keys it found. */
    default ChunkCopier copier(Connection writer) throws SQLException {
        return new RowCopier(writer, rows(), new RunState(helperTables(), names())::checkpoint, rows().retries("osc-copier"));
    }

    /** An applier that owns {@code c} and commits each batch. */
    default KeyApplier applier(Connection c) throws SQLException {
        return RowApplier.committing(c, rows(), rows().retries("osc-applier"));
    }

    default int deferredIndexes() {
        return indexes().count();
    }

    /** How many of the deferred indexes are unique: they are built on a shadow made consistent while writers were held. */
    default int deferredUniqueIndexes() {
        return indexes().uniqueCount();
    }

    /** Whether {@link #prepare} took the shadow's primary key off for the copy and it is not built yet. */
    default boolean keyDeferred() {
        return indexes().keyMissing();
    }

    /** Builds the primary key taken off for the copy. */
    default void buildKey(Connection c) throws SQLException {
        indexes().buildKey(c);
    }

    /** Builds the deferred indexes, the unique ones or the others. */
    default void buildIndexes(Connection c, boolean unique) throws SQLException {
        indexes().build(c, unique);
    }

    /** True when an index build failed on a duplicate. */
    default boolean isDuplicate(SQLException e) {
        return rows().rules().isDuplicate(e);
    }

    /** True when the rows cannot take the change (a value that does not fit, a violated constraint). */
    default boolean isDataError(SQLException e) {
        return rows().rules().isDataError(e);
    }

    /** Closes the snapshot transaction a hold opened. */
    default void endSnapshot(Connection snapshot) throws SQLException {
        snapshot.commit();
        snapshot.setAutoCommit(true);
    }

    /** Records in the run's state row the source's definition the run starts from. */
    default void saveSourceShape(Connection c, SourceShape shape) throws SQLException {
        new RunState(helperTables(), names()).saveSourceShape(c, shape);
    }

    /** Records the port of the run's admin endpoint in its state row (null: none). */
    default void adminPort(Connection c, Integer port) throws SQLException {
        new RunState(helperTables(), names()).adminPort(c, port);
    }

    /** The revert window over this run's swap, once the swap has committed. */
    default Reversal reversal() {
        throw new UnsupportedOperationException("this database has no revert window");
    }

    /**
     * The revert window of a run that stopped in it, rebuilt from the catalog (the new table under
     * the source's name, the old one beside it); null, with nothing changed, when the two tables no
     * longer pair column by column (then the window is closed, not resumed).
     */
    default Reversal resumedReversal(Connection c) throws SQLException {
        return null;
    }

    /** Records when the revert window ends in the run's state row. */
    default void windowEnds(Connection c, java.time.Instant ends) throws SQLException {
        new RunState(helperTables(), names()).windowEnds(c, ends);
    }

    /** Records the run's phase in its state row. */
    default void phase(Connection c, String phase) throws SQLException {
        new RunState(helperTables(), names()).phase(c, phase);
    }
}
