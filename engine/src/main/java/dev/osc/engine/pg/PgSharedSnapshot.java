package dev.osc.engine.pg;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.regex.Pattern;

/**
 * One snapshot on several connections (invariant 6 for a checksum split among workers): the first
 * opens a REPEATABLE READ transaction and exports its snapshot ({@code pg_export_snapshot()}),
 * each other one opens its own and imports it ({@code SET TRANSACTION SNAPSHOT}) while the first
 * is still open. Every connection then sees exactly the same rows, whenever it reads.
 */
public final class PgSharedSnapshot {
    /** What {@code pg_export_snapshot()} returns (hex words and dashes); anything else is refused, not quoted into SQL. */
    private static final Pattern SNAPSHOT_ID = Pattern.compile("[0-9A-Fa-f]+(-[0-9A-Fa-f]+)+");

    private PgSharedSnapshot() {
    }

    /** Opens the shared snapshot on every connection of {@code snapshots} (the first exports it); returns its id, null for none. */
    public static String open(List<Connection> snapshots) throws SQLException {
        if (snapshots.isEmpty()) {
            return null;
        }
        Connection first = snapshots.get(0);
        begin(first);
        String id;
        try (Statement st = first.createStatement(); ResultSet rs = st.executeQuery("SELECT pg_export_snapshot()")) {
            rs.next();
            id = rs.getString(1);
        }
        if (id == null || !SNAPSHOT_ID.matcher(id).matches()) {
            throw new SQLException("unexpected snapshot id from pg_export_snapshot(): " + id);
        }
        for (Connection c : snapshots.subList(1, snapshots.size())) {
            if (c == first) {
                continue;
            }
            begin(c);
            try (Statement st = c.createStatement()) {
                st.execute(importStatement(id));
            }
        }
        return id;
    }

    /** The first statement of an importing transaction. */
    static String importStatement(String id) {
        return "SET TRANSACTION SNAPSHOT '" + id + "'";
    }

    private static void begin(Connection c) throws SQLException {
        c.setAutoCommit(false);
        c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
    }
}
