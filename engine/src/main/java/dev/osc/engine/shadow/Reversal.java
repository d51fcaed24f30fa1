package dev.osc.engine.shadow;

import dev.osc.engine.copy.Checksum;
import dev.osc.engine.copy.KeyApplier;
import dev.osc.engine.rows.RowApplier;
import dev.osc.engine.rows.RowDialect;
import dev.osc.engine.run.RunResult;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * A revert window, the swap's direction reversed: the new table (under the table's name) is the
 * source, the old table the target. The same mechanisms run over it: the applier keeps the old
 * table in step through the reverse column mapping, the checksum compares the two, and the swap
 * back holds writers, fences and renames as the swap did.
 */
public interface Reversal {

    /** Right after the swap committed: the old table made ready to follow the new one. */
    void open(Connection c) throws SQLException;

    /** The row statements from the new table into the old one. */
    RowDialect rows();

    /** An applier into the old table that owns {@code c} and commits each batch. */
    default KeyApplier applier(Connection c) throws SQLException {
        return RowApplier.committing(c, rows(), rows().retries("osc-revert-applier"));
    }

    /** The new table's definition, checked while the window is open and under the swap back's lock. */
    List<String> definition(Connection c) throws SQLException;

    /** The checksum of the new table against the old one, its row hash chosen on {@code c}. */
    Checksum checksum(Connection c) throws SQLException;

    /** Holds writers of the new table and opens a snapshot on each of {@code snapshots} once every change is applied. */
    WriterHold checksumHold(Connection lock, KeyApplier committingApplier, List<Connection> snapshots);

    /** Holds writers and swaps the old table back under the table's name (with {@code second} where the database needs it). */
    WriterHold swapBackHold(Connection lock, Connection second) throws SQLException;

    /** After the swap back committed: the new table, whose every row is in the old one again, is dropped. */
    void afterRevert(Connection c, RunResult result) throws SQLException;

    /** The window ended without a revert: the old table kept (marked as osc's) or dropped, as after a swap without a window. */
    void close(Connection c, boolean dropOld, RunResult result) throws SQLException;

    /** The old table's name while the window is open. */
    String oldTable();
}
