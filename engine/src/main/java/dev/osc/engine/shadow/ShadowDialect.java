package dev.osc.engine.shadow;

import dev.osc.cdc.Fence;
import dev.osc.engine.copy.Checksum;
import dev.osc.engine.copy.ChunkCopier;
import dev.osc.engine.copy.KeyApplier;
import dev.osc.engine.model.TableName;
import dev.osc.engine.run.RunResult;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Properties;

/**
 * Everything the shadow path needs from one database: its SQL, its change stream settings and
 * its lock and rename statements. {@link dev.osc.engine.run.Orchestrator} holds the stage sequence.
 */
public interface ShadowDialect {

    TableName source();

    /** The table whose sentinel rows prove the stream caught up. */
    TableName fence();

    /** Opens a connection for one role of the run (named so an operator can find it). */
    Connection open(String role) throws SQLException;

    /** Creates the run's state and fence tables and the shadow with the ALTER applied; takes its secondary indexes off. */
    void prepare(Connection writer) throws SQLException;

    /** What the server needs before the stream starts (a publication), if anything. */
    void startCapture(Connection c) throws SQLException;

    Properties streamProperties();

    FenceWriter fenceWriter(Connection c, Fence fence);

    /** The copier on the run's writer connection; it returns the stale keys it found with each chunk. */
    ChunkCopier copier(Connection writer) throws SQLException;

    /** An applier that owns {@code c} and commits each batch. */
    KeyApplier applier(Connection c) throws SQLException;

    int deferredIndexes();

    /** How many of the deferred indexes are unique: they are built on a shadow made consistent while writers were held. */
    int deferredUniqueIndexes();

    /** Builds the deferred indexes, the unique ones or the others. */
    void buildIndexes(Connection c, boolean unique) throws SQLException;

    /** True when an index build failed on a duplicate that a pending change may remove. */
    boolean isDuplicate(SQLException e);

    /** The checksum, with its row hash chosen on {@code c}. */
    Checksum checksum(Connection c) throws SQLException;

    /** Gathers the shadow's planner statistics once it is filled, so the new table is planned well from the swap on. */
    void analyze(Connection c) throws SQLException;

    /**
     * Holds writers on {@code lock} and, once every change is applied, opens a snapshot on each of
     * {@code snapshots}; {@code committingApplier} is the run's own applier, for a lock that lets it read the source.
     */
    WriterHold checksumHold(Connection lock, KeyApplier committingApplier, List<Connection> snapshots);

    /** Closes the snapshot transaction the hold opened. */
    void endSnapshot(Connection snapshot) throws SQLException;

    /** Holds writers on {@code lock} and swaps the tables (with {@code second} where the database needs two connections). */
    WriterHold swapHold(Connection lock, Connection second);

    /** After the swap: validations, the old table (kept or dropped); reports into {@code result}. */
    void afterSwap(Connection c, boolean dropOld, RunResult result) throws SQLException;

    /** Records the run's phase in its state row. */
    void phase(Connection c, String phase) throws SQLException;

    /** Removes what the run created; after a swap, only its helpers. Null when clean, else what is left. */
    String cleanup(boolean swapped);
}
