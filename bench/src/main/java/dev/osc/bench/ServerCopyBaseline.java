package dev.osc.bench;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * What the server does on its own: {@code INSERT INTO copy SELECT * FROM t} into a table of the
 * same shape (indexes included), and a plain {@code ALTER COLUMN balance TYPE bigint} on a second
 * copy: how long a plain ALTER holds its ACCESS EXCLUSIVE lock, blocking every writer.
 */
final class ServerCopyBaseline {
    record Figures(long rows, long insertSelectMs, long plainAlterMs) {
    }

    private final Connection c;
    private final String table;

    ServerCopyBaseline(Connection c, String table) {
        this.c = c;
        this.table = table;
    }

    Figures measure() throws SQLException {
        String copy = table + "_server_copy";
        String altered = table + "_plain_alter";
        try (Statement st = c.createStatement()) {
            long rows = count(st);
            st.execute("DROP TABLE IF EXISTS " + copy);
            st.execute("CREATE TABLE " + copy + " (LIKE " + table + " INCLUDING ALL)");
            long t0 = System.nanoTime();
            st.execute("INSERT INTO " + copy + " SELECT * FROM " + table);
            long insertSelectMs = millisSince(t0);
            st.execute("DROP TABLE " + copy);

            st.execute("DROP TABLE IF EXISTS " + altered);
            st.execute("CREATE TABLE " + altered + " (LIKE " + table + " INCLUDING ALL)");
            st.execute("INSERT INTO " + altered + " SELECT * FROM " + table);
            st.execute("VACUUM (ANALYZE) " + altered);
            long t1 = System.nanoTime();
            st.execute("ALTER TABLE " + altered + " ALTER COLUMN balance TYPE bigint");
            long plainAlterMs = millisSince(t1);
            st.execute("DROP TABLE " + altered);
            return new Figures(rows, insertSelectMs, plainAlterMs);
        }
    }

    private long count(Statement st) throws SQLException {
        try (var rs = st.executeQuery("SELECT count(*) FROM " + table)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static long millisSince(long startNanos) {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }
}
