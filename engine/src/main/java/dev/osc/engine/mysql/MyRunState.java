package dev.osc.engine.mysql;

import static dev.osc.engine.mysql.MyIdentifiers.quote;

import dev.osc.engine.copy.Bound;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;

/** The run's row in its state table; the watermark is written in the chunk's own transaction (invariant 4). */
public final class MyRunState {
    private final MyRunNames names;

    public MyRunState(MyRunNames names) {
        this.names = names;
    }

    public void create(Connection c, String settings) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute("CREATE TABLE " + quote(names.state()) + " (run_id VARCHAR(64) PRIMARY KEY, source VARCHAR(200) NOT NULL, "
                    + "phase VARCHAR(32) NOT NULL, watermark JSON, copy_complete BOOLEAN NOT NULL DEFAULT FALSE, "
                    + "rows_copied BIGINT NOT NULL DEFAULT 0, settings TEXT, "
                    + "updated_at TIMESTAMP(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4");
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + quote(names.state())
                + " (run_id, source, phase, settings) VALUES (?, ?, 'prepare', ?)")) {
            ps.setString(1, names.runId());
            ps.setString(2, names.source().toString());
            ps.setString(3, settings);
            ps.executeUpdate();
        }
        if (!c.getAutoCommit()) {
            c.commit();
        }
    }

    public void checkpoint(Connection c, Bound upper, long rows) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE " + quote(names.state())
                + " SET watermark = ?, copy_complete = ?, rows_copied = rows_copied + ?, updated_at = CURRENT_TIMESTAMP(6) WHERE run_id = ?")) {
            ps.setString(1, upper.kind() == Bound.Kind.KEY ? dev.osc.engine.run.RunResult.Json.write(upper.key()) : null);
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
                + " SET phase = ?, updated_at = CURRENT_TIMESTAMP(6) WHERE run_id = ?")) {
            ps.setString(1, phase);
            ps.setString(2, names.runId());
            ps.executeUpdate();
        }
        if (!c.getAutoCommit()) {
            c.commit();
        }
    }
}
