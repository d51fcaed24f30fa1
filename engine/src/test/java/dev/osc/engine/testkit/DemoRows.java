package dev.osc.engine.testkit;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/** The demo table's DDL and its rows, generated server side: row {@code g} is a function of {@code g} on both databases. */
final class DemoRows {
    private static final long MARIA_BATCH = 100_000;

    private DemoRows() {
    }

    static void createOnPostgres(Statement st, String table, String oracle, long rows) throws SQLException {
        for (String t : new String[] {table, oracle}) {
            st.execute("DROP TABLE IF EXISTS " + t);
            st.execute("CREATE TABLE " + t + " (id bigint PRIMARY KEY, email text NOT NULL UNIQUE, "
                    + "balance integer, note text, doc jsonb, tags text[], payload bytea, big text, "
                    + "updated_at timestamptz NOT NULL DEFAULT now())");
        }
        st.execute("INSERT INTO " + table + " SELECT g, 'user' || g || '@example.com', (g % 100000)::int, "
                + "CASE WHEN g % 7 = 0 THEN NULL ELSE 'note ' || g || ' ünïcødé ✓' END, "
                + "jsonb_build_object('g', g, 'name', 'ñ' || g), ARRAY['a', 'b' || g], decode(md5(g::text), 'hex'), "
                + "CASE WHEN g % 5000 = 0 THEN (SELECT string_agg(md5(g::text || i::text), '') FROM generate_series(1, 300) i) END, "
                + "'2026-01-01'::timestamptz + g * interval '1 second' FROM generate_series(1, " + rows + ") g");
        st.execute("INSERT INTO " + oracle + " SELECT * FROM " + table);
        st.execute("ANALYZE " + table);
    }

    /** In batches of 100,000 rows, each committed when the connection does not auto-commit. */
    static void createOnMaria(Connection c, Statement st, String table, String oracle, long rows) throws SQLException {
        for (String t : new String[] {table, oracle}) {
            st.execute("DROP TABLE IF EXISTS " + t);
            st.execute("CREATE TABLE " + t + " (id BIGINT PRIMARY KEY, email VARCHAR(191) NOT NULL UNIQUE, "
                    + "balance INT, note TEXT, doc JSON, payload BLOB, big LONGTEXT, "
                    + "updated_at DATETIME(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4");
        }
        boolean sequenceEngine = hasSequenceEngine(st);
        for (long from = 1; from <= rows; from += MARIA_BATCH) {
            long to = Math.min(rows, from + MARIA_BATCH - 1);
            st.execute("INSERT INTO " + table + " (id, email, balance, note, doc, payload, big, updated_at) "
                    + "SELECT s.seq, CONCAT('user', s.seq, '@example.com'), s.seq % 100000, "
                    + "IF(s.seq % 7 = 0, NULL, CONCAT('note ', s.seq, ' ünïcødé ✓')), "
                    + "JSON_OBJECT('g', s.seq, 'name', CONCAT('ñ', s.seq)), UNHEX(MD5(s.seq)), "
                    + "IF(s.seq % 5000 = 0, REPEAT(MD5(s.seq), 600), NULL), "
                    + "TIMESTAMP'2026-01-01 00:00:00' + INTERVAL s.seq SECOND "
                    + "FROM " + numbers(sequenceEngine, from, to) + " ORDER BY s.seq");
            commitIfNeeded(c);
        }
        st.execute("INSERT INTO " + oracle + " SELECT * FROM " + table);
        commitIfNeeded(c);
        st.execute("ANALYZE TABLE " + table + ", " + oracle);
    }

    /** The SEQUENCE engine's {@code seq_1_to_N} tables, when the server has it (MariaDB does by default). */
    private static boolean hasSequenceEngine(Statement st) {
        try (ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM seq_1_to_3")) {
            return rs.next() && rs.getLong(1) == 3;
        } catch (SQLException e) {
            return false;
        }
    }

    /** A derived table {@code s} with one column {@code seq} holding {@code from..to}. */
    private static String numbers(boolean sequenceEngine, long from, long to) {
        if (sequenceEngine) {
            return "seq_" + from + "_to_" + to + " s";
        }
        String digits = "(SELECT 0 d UNION ALL SELECT 1 UNION ALL SELECT 2 UNION ALL SELECT 3 UNION ALL SELECT 4 "
                + "UNION ALL SELECT 5 UNION ALL SELECT 6 UNION ALL SELECT 7 UNION ALL SELECT 8 UNION ALL SELECT 9)";
        return "(SELECT " + from + " + d0.d + 10 * d1.d + 100 * d2.d + 1000 * d3.d + 10000 * d4.d AS seq FROM "
                + digits + " d0, " + digits + " d1, " + digits + " d2, " + digits + " d3, " + digits + " d4 "
                + "WHERE " + from + " + d0.d + 10 * d1.d + 100 * d2.d + 1000 * d3.d + 10000 * d4.d <= " + to + ") s";
    }

    private static void commitIfNeeded(Connection c) throws SQLException {
        if (!c.getAutoCommit()) {
            c.commit();
        }
    }
}
