package dev.osc.engine.demo;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * The MariaDB demo table and its oracle, the counterpart of {@link DemoTable}: a row of every
 * common type (text, unique text, integer, NULLs, unicode, JSON, BLOB, large off-page text,
 * microsecond timestamps), and a second table that the workload keeps equal to it in the same
 * transactions.
 */
public final class MariaDemoTable implements DemoFixture {
    private static final long BATCH = 100_000;

    /**
     * The columns compared between the table and the oracle. Text is compared as bytes: the
     * default utf8mb4 collation ignores case, accents and trailing spaces, which would hide
     * differences. {@code balance} is compared as text so a type change counts only when a value
     * changed.
     */
    private static final String COLS = "id, CAST(email AS BINARY) AS email, CAST(balance AS CHAR) AS balance, "
            + "CAST(note AS BINARY) AS note, CAST(CAST(doc AS CHAR) AS BINARY) AS doc, HEX(payload) AS payload, "
            + "MD5(big) AS big, updated_at";

    private final String table;
    private final String oracle;

    public MariaDemoTable(String table) {
        this.table = table;
        this.oracle = table + "_oracle";
    }

    public String name() {
        return table;
    }

    public String oracleName() {
        return oracle;
    }

    /** Creates both tables with {@code rows} rows, generated server side in batches. */
    public void create(Connection c, long rows) throws SQLException {
        try (Statement st = c.createStatement()) {
            for (String t : new String[] {table, oracle}) {
                st.execute("DROP TABLE IF EXISTS " + quote(t));
                st.execute("CREATE TABLE " + quote(t) + " (id BIGINT PRIMARY KEY, email VARCHAR(191) NOT NULL UNIQUE, "
                        + "balance INT, note TEXT, doc JSON, payload BLOB, big LONGTEXT, "
                        + "updated_at DATETIME(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4");
            }
            boolean sequenceEngine = hasSequenceEngine(st);
            for (long from = 1; from <= rows; from += BATCH) {
                long to = Math.min(rows, from + BATCH - 1);
                st.execute("INSERT INTO " + quote(table) + " (id, email, balance, note, doc, payload, big, updated_at) "
                        + "SELECT s.seq, CONCAT('user', s.seq, '@example.com'), s.seq % 100000, "
                        + "IF(s.seq % 7 = 0, NULL, CONCAT('note ', s.seq, ' ünïcødé ✓')), "
                        + "JSON_OBJECT('g', s.seq, 'name', CONCAT('ñ', s.seq)), UNHEX(MD5(s.seq)), "
                        + "IF(s.seq % 5000 = 0, REPEAT(MD5(s.seq), 600), NULL), "
                        + "TIMESTAMP'2026-01-01 00:00:00' + INTERVAL s.seq SECOND "
                        + "FROM " + numbers(sequenceEngine, from, to) + " ORDER BY s.seq");
                commitIfNeeded(c);
            }
            st.execute("INSERT INTO " + quote(oracle) + " SELECT * FROM " + quote(table));
            commitIfNeeded(c);
            st.execute("ANALYZE TABLE " + quote(table) + ", " + quote(oracle));
        }
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

    /**
     * Rows that differ between the table and the oracle, both ways, over the columns both still
     * have (EXCEPT ALL, so duplicated and missing rows count too).
     */
    public long differences(Connection c) throws SQLException {
        String sql = "SELECT (SELECT COUNT(*) FROM (SELECT " + COLS + " FROM " + quote(table) + " EXCEPT ALL SELECT " + COLS
                + " FROM " + quote(oracle) + ") a) + (SELECT COUNT(*) FROM (SELECT " + COLS + " FROM " + quote(oracle)
                + " EXCEPT ALL SELECT " + COLS + " FROM " + quote(table) + ") b)";
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** Up to {@code limit} rows that differ, as text, table rows first: for diagnosing a failure. */
    public List<String> sampleDifferences(Connection c, int limit) throws SQLException {
        List<String> out = new ArrayList<>();
        String[][] ways = {{table, oracle}, {oracle, table}};
        for (String[] w : ways) {
            try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT '" + w[0] + "' AS side, x.* FROM (SELECT "
                    + COLS + " FROM " + quote(w[0]) + " EXCEPT ALL SELECT " + COLS + " FROM " + quote(w[1]) + ") x ORDER BY id LIMIT " + limit)) {
                while (rs.next()) {
                    StringBuilder sb = new StringBuilder();
                    for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                        sb.append(i > 1 ? " | " : "").append(rs.getString(i));
                    }
                    out.add(sb.toString());
                }
            }
        }
        return out;
    }

    public long count(Connection c) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM " + quote(table))) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** A MariaDB identifier in backquotes. */
    static String quote(String identifier) {
        return "`" + identifier.replace("`", "``") + "`";
    }
}
