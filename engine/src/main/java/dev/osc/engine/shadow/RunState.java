package dev.osc.engine.shadow;

import dev.osc.engine.copy.Bound;
import dev.osc.engine.model.TableName;
import dev.osc.engine.run.RunResult;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The run's row in its state table (phase, copy watermark, rows copied, admin port). The watermark
 * is written in the same transaction as the chunk it covers (invariant 4).
 */
public final class RunState {
    private final HelperTableSql sql;
    private final RunNames names;
    private final String table;

    public RunState(HelperTableSql sql, RunNames names) {
        this.sql = sql;
        this.names = names;
        this.table = sql.quote(names.state());
    }

    /** Creates the state table and the run's row, in the caller's transaction (if any). */
    public void create(Connection c, String settings, String alterClause) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute(sql.createStateTable(names.state()));
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + table
                + " (run_id, source, phase, settings, alter_clause) VALUES (?, ?, 'prepare', ?, ?)")) {
            ps.setString(1, names.runId());
            ps.setString(2, names.source().toString());
            ps.setString(3, settings);
            ps.setString(4, alterClause);
            ps.executeUpdate();
        }
    }

    /**
     * The run recorded in the state table {@code state}, if that table exists and holds exactly one
     * row with the columns resume needs; empty otherwise (no table, an older osc's table, no row).
     */
    public static java.util.Optional<SavedRun> read(Connection c, HelperTableSql sql, dev.osc.engine.model.TableName state)
            throws SQLException {
        // admin_port is read only to be sure the table has every column a resumed run writes
        String query = "SELECT run_id, phase, watermark, copy_complete, rows_copied, alter_clause, stream_offsets, source_shape, admin_port, window_ends FROM "
                + sql.quote(state);
        boolean autoCommit = c.getAutoCommit();
        java.sql.Savepoint savepoint = autoCommit ? null : c.setSavepoint();
        try (Statement st = c.createStatement(); java.sql.ResultSet rs = st.executeQuery(query)) {
            SavedRun run = null;
            int count = 0;
            while (rs.next()) {
                count++;
                String watermark = rs.getString(3);
                Bound bound = rs.getBoolean(4) ? Bound.all() : watermark == null ? Bound.none() : Bound.upTo(KeyText.parse(watermark));
                run = new SavedRun(rs.getString(1), rs.getString(2), bound, rs.getLong(5), rs.getString(6), rs.getString(7),
                        SourceShape.lines(rs.getString(8)), rs.getObject(10) == null ? null : java.time.Instant.ofEpochMilli(rs.getLong(10)));
            }
            return java.util.Optional.ofNullable(count == 1 ? run : null);
        } catch (SQLException e) {
            if (savepoint != null) {
                c.rollback(savepoint);
            }
            return java.util.Optional.empty();
        }
    }

    /** Records the source's definition the run started from; committed at once (with whatever {@code c}'s transaction holds). */
    public void saveSourceShape(Connection c, SourceShape shape) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE " + table + " SET source_shape = ? WHERE run_id = ?")) {
            ps.setString(1, shape.text());
            ps.setString(2, names.runId());
            ps.executeUpdate();
        }
        if (!c.getAutoCommit()) {
            c.commit();
        }
    }

    /** Records when the run's revert window ends (a run resumed in its window keeps that end); committed at once. */
    public void windowEnds(Connection c, java.time.Instant ends) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE " + table + " SET window_ends = ? WHERE run_id = ?")) {
            ps.setLong(1, ends.toEpochMilli());
            ps.setString(2, names.runId());
            ps.executeUpdate();
        }
        if (!c.getAutoCommit()) {
            c.commit();
        }
    }

    /** Replaces the change stream's saved position (its own statement, committed at once on {@code c}). */
    public void saveOffsets(Connection c, String offsets) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE " + table + " SET stream_offsets = ?, updated_at = " + sql.now()
                + " WHERE run_id = ?")) {
            ps.setString(1, offsets);
            ps.setString(2, names.runId());
            ps.executeUpdate();
        }
    }

    /** The change stream's saved position, or null. */
    public String offsets(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT stream_offsets FROM " + table + " WHERE run_id = ?")) {
            ps.setString(1, names.runId());
            try (java.sql.ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }

    /** Records the copy watermark inside the caller's (chunk) transaction. */
    public void checkpoint(Connection c, Bound upper, long rows) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE " + table + " SET watermark = ?, copy_complete = ?, "
                + "rows_copied = rows_copied + ?, updated_at = " + sql.now() + " WHERE run_id = ?")) {
            ps.setString(1, upper.kind() == Bound.Kind.KEY ? RunResult.Json.write(upper.key()) : null);
            ps.setBoolean(2, upper.isAll());
            ps.setLong(3, rows);
            ps.setString(4, names.runId());
            if (ps.executeUpdate() != 1) {
                throw new SQLException("the run's state row is missing");
            }
        }
    }

    /** The phase whose state row says the swap committed: written in the swap's own transaction where the database allows it. */
    public static final String SWAPPED = "swapped";

    /** The phase of a run whose old table follows the new one after the swap (a revert window). */
    public static final String REVERT_WINDOW = "revert-window";

    /**
     * The phase of a window that can no longer revert (a change the old table cannot take): its
     * stream no longer keeps the old table in step, so a stopped run in it is finished, never resumed.
     */
    public static final String REVERT_IMPOSSIBLE = "revert-impossible";

    /** The phase of a run swapping the old table back (its swap back not committed yet). */
    public static final String REVERT = "revert";

    /** The phase whose state row says the swap back committed: the table has its old shape again. */
    public static final String REVERTED = "reverted";

    /** True for a phase recorded only once the swap had committed (the table has its new shape, or has it back after a revert). */
    public static boolean afterSwap(String phase) {
        return phase != null && java.util.List.of(SWAPPED, REVERT_WINDOW, REVERT_IMPOSSIBLE, REVERT, REVERTED).contains(phase);
    }

    /** Records that the swap is done, inside the caller's (the swap's) transaction: it commits with the rename or not at all. */
    public void markSwapped(Connection c) throws SQLException {
        mark(c, SWAPPED);
    }

    /** Records {@code phase} inside the caller's transaction, without committing it. */
    public void mark(Connection c, String phase) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE " + table + " SET phase = ?, updated_at = " + sql.now()
                + " WHERE run_id = ?")) {
            ps.setString(1, phase);
            ps.setString(2, names.runId());
            ps.executeUpdate();
        }
    }

    /** Records the phase, committed at once whether or not {@code c} is in auto-commit. */
    public void phase(Connection c, String phase) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE " + table + " SET phase = ?, updated_at = " + sql.now()
                + " WHERE run_id = ?")) {
            ps.setString(1, phase);
            ps.setString(2, names.runId());
            ps.executeUpdate();
        }
        if (!c.getAutoCommit()) {
            c.commit();
        }
    }

    /**
     * Records the port of the run's admin endpoint, so that the CLI finds it by table, or none
     * (null: a resumed run without an endpoint forgets the port of the run it carries on); committed at once.
     */
    public void adminPort(Connection c, Integer port) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE " + table + " SET admin_port = ? WHERE run_id = ?")) {
            ps.setObject(1, port, java.sql.Types.INTEGER);
            ps.setString(2, names.runId());
            ps.executeUpdate();
        }
        if (!c.getAutoCommit()) {
            c.commit();
        }
    }

    /** The admin port recorded in the state table {@code state} (its newest row), null when none is. */
    public static Integer adminPort(Connection c, HelperTableSql sql, TableName state) throws SQLException {
        try (Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT admin_port FROM " + sql.quote(state) + " ORDER BY updated_at DESC")) {
            if (!rs.next()) {
                return null;
            }
            int port = rs.getInt(1);
            return rs.wasNull() ? null : port;
        }
    }
}
