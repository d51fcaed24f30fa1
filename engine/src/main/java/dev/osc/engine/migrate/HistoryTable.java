package dev.osc.engine.migrate;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code osc_schema_history} in the connection's schema (PostgreSQL) or database (MySQL/MariaDB):
 * read in the order it was written, created only when a statement is about to run, one row
 * inserted after each statement.
 */
public final class HistoryTable {
    public static final String NAME = "osc_schema_history";
    private static final String COLUMNS = "version, description, kind, script, checksum, statement_index, strategy, run_id, "
            + "started_at, finished_at, duration_ms, success, error";
    private static final int MAX_ERROR = 2000;
    private static final int MAX_DESCRIPTION = 200;

    private final Connection connection;
    private final MigrationDialect dialect;

    public HistoryTable(Connection connection, MigrationDialect dialect) {
        this.connection = connection;
        this.dialect = dialect;
    }

    public boolean exists() throws SQLException {
        try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery(dialect.historyExists())) {
            return rs.next() && rs.getBoolean(1);
        }
    }

    /** Every row in the order written; none when the table does not exist (a dry run creates nothing). */
    public List<HistoryRow> read() throws SQLException {
        List<HistoryRow> out = new ArrayList<>();
        if (!exists()) {
            return out;
        }
        try (Statement st = connection.createStatement();
             ResultSet rs = st.executeQuery("SELECT " + COLUMNS + " FROM " + NAME + " ORDER BY installed_rank")) {
            while (rs.next()) {
                Timestamp started = rs.getTimestamp(9);
                Timestamp finished = rs.getTimestamp(10);
                out.add(new HistoryRow(rs.getString(1), rs.getString(2), HistoryRow.Kind.ofStored(rs.getString(3)), rs.getString(4),
                        rs.getString(5), rs.getInt(6), rs.getString(7), rs.getString(8),
                        started == null ? null : started.toInstant(), finished == null ? null : finished.toInstant(),
                        rs.getLong(11), rs.getBoolean(12), rs.getString(13)));
            }
        }
        return out;
    }

    public void create() throws SQLException {
        try (Statement st = connection.createStatement()) {
            st.execute(dialect.createHistory());
        }
    }

    public void insert(HistoryRow row) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("INSERT INTO " + NAME + " (" + COLUMNS + ") "
                + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            ps.setString(1, row.version());
            ps.setString(2, cut(row.description(), MAX_DESCRIPTION));
            ps.setString(3, row.kind().stored());
            ps.setString(4, row.script());
            ps.setString(5, row.checksum());
            ps.setInt(6, row.statementIndex());
            ps.setString(7, row.strategy());
            ps.setString(8, row.runId());
            ps.setTimestamp(9, row.startedAt() == null ? null : Timestamp.from(row.startedAt()));
            ps.setTimestamp(10, row.finishedAt() == null ? null : Timestamp.from(row.finishedAt()));
            ps.setLong(11, row.durationMs());
            ps.setBoolean(12, row.success());
            ps.setString(13, cut(row.error(), MAX_ERROR));
            ps.executeUpdate();
        }
    }

    /** {@code --repair}: the applied rows of {@code version} take the file's new checksum; returns how many changed. */
    public int repair(String version, String checksum) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("UPDATE " + NAME + " SET checksum = ? WHERE version = ? AND kind = ?")) {
            ps.setString(1, checksum);
            ps.setString(2, version);
            ps.setString(3, HistoryRow.Kind.MIGRATE.stored());
            return ps.executeUpdate();
        }
    }

    private static String cut(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }
}
