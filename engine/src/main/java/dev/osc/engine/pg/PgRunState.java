package dev.osc.engine.pg;

import static dev.osc.engine.pg.PgIdentifiers.quote;

import dev.osc.engine.copy.Bound;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The run's row in its state table (phase, copy watermark, rows copied). The watermark is
 * written in the same transaction as the chunk it covers (invariant 4).
 */
public final class PgRunState {
    private final PgRunNames names;

    public PgRunState(PgRunNames names) {
        this.names = names;
    }

    public void create(Connection c, String settings) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute("CREATE TABLE " + quote(names.state()) + " (run_id text PRIMARY KEY, source text NOT NULL, "
                    + "phase text NOT NULL, watermark text[], copy_complete boolean NOT NULL DEFAULT false, "
                    + "rows_copied bigint NOT NULL DEFAULT 0, settings text, updated_at timestamptz NOT NULL DEFAULT now())");
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + quote(names.state())
                + " (run_id, source, phase, settings) VALUES (?, ?, 'prepare', ?)")) {
            ps.setString(1, names.runId());
            ps.setString(2, names.source().toString());
            ps.setString(3, settings);
            ps.executeUpdate();
        }
    }

    /** Records the copy watermark inside the caller's (chunk) transaction. */
    public void checkpoint(Connection c, Bound upper, long rows) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE " + quote(names.state())
                + " SET watermark = ?, copy_complete = ?, rows_copied = rows_copied + ?, updated_at = now() WHERE run_id = ?")) {
            ps.setArray(1, upper.kind() == Bound.Kind.KEY ? c.createArrayOf("text", upper.key().toArray()) : null);
            ps.setBoolean(2, upper.isAll());
            ps.setLong(3, rows);
            ps.setString(4, names.runId());
            if (ps.executeUpdate() != 1) {
                throw new SQLException("the run's state row is missing");
            }
        }
    }

    public void phase(Connection c, String phase) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE " + quote(names.state())
                + " SET phase = ?, updated_at = now() WHERE run_id = ?")) {
            ps.setString(1, phase);
            ps.setString(2, names.runId());
            ps.executeUpdate();
        }
    }
}
