package dev.osc.engine.testkit;

import dev.osc.engine.mysql.MyIdentifiers;
import dev.osc.engine.pg.PgIdentifiers;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * The demo's table and its oracle, on PostgreSQL or MariaDB: a row of every common type (text,
 * unique text, integer, NULLs, unicode, JSON, arrays on PostgreSQL, binary, large values stored
 * out of the row — TOAST, InnoDB off-page — and timestamps), and a second table that
 * {@link #writes(long)} keeps equal to it in the same transactions.
 */
public final class DemoTable {
    private final Flavour flavour;
    private final String table;
    private final String oracle;

    /** The statements that differ between the two databases. */
    enum Flavour {
        POSTGRES("id, email, balance::text, note, doc::text, tags::text, payload, md5(big), updated_at",
                "INSERT INTO %s (id, email, balance, note, doc, tags, payload, big, updated_at) "
                        + "VALUES (?, ?, ?, ?, ?::jsonb, '{x,y}', ?, ?, ?)",
                "UPDATE %s SET note = ?, updated_at = updated_at + interval '1 ms' WHERE id = ?",
                "UPDATE %s SET doc = doc || jsonb_build_object('n', ?::int), tags = tags || 'z'::text WHERE id = ?"),
        /*
         * Text is compared as bytes: the default utf8mb4 collation ignores case, accents and trailing
         * spaces, which would hide differences.
         */
        MARIADB("id, CAST(email AS BINARY) AS email, CAST(balance AS CHAR) AS balance, CAST(note AS BINARY) AS note, "
                + "CAST(CAST(doc AS CHAR) AS BINARY) AS doc, HEX(payload) AS payload, MD5(big) AS big, updated_at",
                "INSERT INTO %s (id, email, balance, note, doc, payload, big, updated_at) "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                "UPDATE %s SET note = ?, updated_at = updated_at + INTERVAL 1000 MICROSECOND WHERE id = ?",
                "UPDATE %s SET doc = JSON_SET(doc, '$.n', ?) WHERE id = ?");

        /** The columns compared between table and oracle ({@code balance} as text: a type change counts only when a value changed). */
        final String compared;
        final String insert;
        final String updateNote;
        final String updateDoc;

        Flavour(String compared, String insert, String updateNote, String updateDoc) {
            this.compared = compared;
            this.insert = insert;
            this.updateNote = updateNote;
            this.updateDoc = updateDoc;
        }

        String quote(String identifier) {
            return this == POSTGRES ? PgIdentifiers.quote(identifier) : MyIdentifiers.quote(identifier);
        }
    }

    private DemoTable(Flavour flavour, String table) {
        this.flavour = flavour;
        this.table = table;
        this.oracle = table + "_oracle";
    }

    public static DemoTable postgres(String table) {
        return new DemoTable(Flavour.POSTGRES, table);
    }

    public static DemoTable mariadb(String table) {
        return new DemoTable(Flavour.MARIADB, table);
    }

    public String name() {
        return table;
    }

    public String oracleName() {
        return oracle;
    }

    Flavour flavour() {
        return flavour;
    }

    String quote(String identifier) {
        return flavour.quote(identifier);
    }

    /** The writes that keep the oracle equal to the table, on a table created with {@code existingRows} rows. */
    public WorkloadShape writes(long existingRows) {
        return new DemoWrites(this, existingRows);
    }

    /** Creates both tables with {@code rows} rows, generated server side. */
    public void create(Connection c, long rows) throws SQLException {
        try (Statement st = c.createStatement()) {
            if (flavour == Flavour.POSTGRES) {
                DemoRows.createOnPostgres(st, quote(table), quote(oracle), rows);
            } else {
                DemoRows.createOnMaria(c, st, quote(table), quote(oracle), rows);
            }
        }
    }

    /** Rows that differ between the table and the oracle, both ways (EXCEPT ALL: duplicated and missing rows count too). */
    public long differences(Connection c) throws SQLException {
        String sql = "SELECT (SELECT COUNT(*) FROM (" + except(table, oracle) + ") a) + (SELECT COUNT(*) FROM ("
                + except(oracle, table) + ") b)";
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
            try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT '" + w[0] + "' AS side, x.* FROM ("
                    + except(w[0], w[1]) + ") x ORDER BY id LIMIT " + limit)) {
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

    private String except(String from, String minus) {
        return "SELECT " + flavour.compared + " FROM " + quote(from) + " EXCEPT ALL SELECT " + flavour.compared + " FROM " + quote(minus);
    }

    public long count(Connection c) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM " + quote(table))) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
