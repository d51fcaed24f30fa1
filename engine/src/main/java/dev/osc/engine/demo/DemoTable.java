package dev.osc.engine.demo;

import static dev.osc.engine.pg.PgIdentifiers.quote;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The demo's table and its oracle: a row of every common type (text, unique text, integer,
 * NULLs, unicode, jsonb, arrays, bytea, TOASTed text, timestamps), and a second table that the
 * workload keeps equal to it in the same transactions.
 */
public final class DemoTable implements DemoFixture {
    private final String table;
    private final String oracle;

    public DemoTable(String table) {
        this.table = table;
        this.oracle = table + "_oracle";
    }

    public String name() {
        return table;
    }

    public String oracleName() {
        return oracle;
    }

    /** Creates both tables with {@code rows} rows, generated server side. */
    public void create(Connection c, long rows) throws SQLException {
        try (Statement st = c.createStatement()) {
            for (String t : new String[] {table, oracle}) {
                st.execute("DROP TABLE IF EXISTS " + quote(t));
                st.execute("CREATE TABLE " + quote(t) + " (id bigint PRIMARY KEY, email text NOT NULL UNIQUE, "
                        + "balance integer, note text, doc jsonb, tags text[], payload bytea, big text, "
                        + "updated_at timestamptz NOT NULL DEFAULT now())");
            }
            st.execute("INSERT INTO " + quote(table) + " SELECT g, 'user' || g || '@example.com', (g % 100000)::int, "
                    + "CASE WHEN g % 7 = 0 THEN NULL ELSE 'note ' || g || ' ünïcødé ✓' END, "
                    + "jsonb_build_object('g', g, 'name', 'ñ' || g), ARRAY['a', 'b' || g], decode(md5(g::text), 'hex'), "
                    + "CASE WHEN g % 5000 = 0 THEN (SELECT string_agg(md5(g::text || i::text), '') FROM generate_series(1, 300) i) END, "
                    + "'2026-01-01'::timestamptz + g * interval '1 second' FROM generate_series(1, " + rows + ") g");
            st.execute("INSERT INTO " + quote(oracle) + " SELECT * FROM " + quote(table));
            st.execute("ANALYZE " + quote(table));
        }
    }

    /**
     * Rows that differ between the table and the oracle, both ways, over the columns both still
     * have ({@code balance} compared as text so a type change counts only when a value changed).
     */
    public long differences(Connection c) throws SQLException {
        String cols = "id, email, balance::text, note, doc::text, tags::text, payload, md5(big), updated_at";
        String sql = "SELECT (SELECT count(*) FROM (SELECT " + cols + " FROM " + quote(table) + " EXCEPT ALL SELECT " + cols
                + " FROM " + quote(oracle) + ") a) + (SELECT count(*) FROM (SELECT " + cols + " FROM " + quote(oracle)
                + " EXCEPT ALL SELECT " + cols + " FROM " + quote(table) + ") b)";
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** Up to {@code limit} rows that differ, as text, table rows first: for diagnosing a failure. */
    public java.util.List<String> sampleDifferences(Connection c, int limit) throws SQLException {
        String cols = "id, email, balance::text, note, doc::text, tags::text, payload, md5(big), updated_at";
        java.util.List<String> out = new java.util.ArrayList<>();
        String[][] ways = {{table, oracle}, {oracle, table}};
        for (String[] w : ways) {
            try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT '" + w[0] + "' AS side, x.* FROM (SELECT "
                    + cols + " FROM " + quote(w[0]) + " EXCEPT ALL SELECT " + cols + " FROM " + quote(w[1]) + ") x ORDER BY id LIMIT " + limit)) {
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
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT count(*) FROM " + quote(table))) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
