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
    public void create(Connection c, String settings) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute(sql.createStateTable(names.state()));
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + table
                + " (run_id, source, phase, settings) VALUES (?, ?, 'prepare', ?)")) {
            ps.setString(1, names.runId());
            ps.setString(2, names.source().toString());
            ps.setString(3, settings);
            ps.executeUpdate();
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

    /** Records the port of the run's admin endpoint, so that the CLI finds it by table; committed at once. */
    public void adminPort(Connection c, int port) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE " + table + " SET admin_port = ? WHERE run_id = ?")) {
            ps.setInt(1, port);
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
