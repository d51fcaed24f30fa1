package dev.osc.bench;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * A copy of a fixture table that the workload keeps equal to it in the same transactions, and
 * the count of rows that differ between the two afterwards (compared on the oracle's columns).
 */
final class OracleTable {
    private final FixtureTable table;
    private final String name;

    private OracleTable(FixtureTable table) {
        this.table = table;
        this.name = table.name() + "_oracle";
    }

    /** Creates (or replaces) the oracle as a copy of the table; call while nothing writes to the table. */
    static OracleTable create(Connection c, FixtureTable table) throws SQLException {
        OracleTable oracle = new OracleTable(table);
        String o = table.quote(oracle.name);
        String t = table.quoted();
        try (Statement st = c.createStatement()) {
            st.execute("DROP TABLE IF EXISTS " + o);
            if (table.pg()) {
                st.execute("CREATE TABLE " + o + " (LIKE " + t + " INCLUDING DEFAULTS)");
                st.execute("INSERT INTO " + o + " SELECT * FROM " + t);
                st.execute("ALTER TABLE " + o + " ADD PRIMARY KEY (id)");
            } else {
                st.execute("CREATE TABLE " + o + " LIKE " + t);
                st.execute("INSERT INTO " + o + " SELECT * FROM " + t);
            }
        }
        if (!c.getAutoCommit()) {
            c.commit();
        }
        return oracle;
    }

    String name() {
        return name;
    }

    /**
     * Rows in the table and not in the oracle plus rows in the oracle and not in the table. PostgreSQL
     * hashes or sorts an EXCEPT well; MariaDB materializes it slowly (minutes at 10M rows), so there
     * each row is looked up by primary key and compared column by column, NULL-safe.
     */
    long differences(Connection c) throws SQLException {
        List<String> columns = columns(c);
        String t = table.quoted();
        String o = table.quote(name);
        if (table.pg()) {
            String cols = String.join(", ", columns.stream().map(table::quote).toList());
            return count(c, "SELECT COUNT(*) FROM (SELECT " + cols + " FROM " + t + " EXCEPT SELECT " + cols + " FROM " + o + ") d")
                    + count(c, "SELECT COUNT(*) FROM (SELECT " + cols + " FROM " + o + " EXCEPT SELECT " + cols + " FROM " + t + ") d");
        }
        String same = String.join(" AND ", columns.stream().map(col -> "b." + table.quote(col) + " <=> a." + table.quote(col)).toList());
        return count(c, "SELECT COUNT(*) FROM " + t + " a WHERE NOT EXISTS (SELECT 1 FROM " + o + " b WHERE b.id = a.id AND " + same + ")")
                + count(c, "SELECT COUNT(*) FROM " + o + " a WHERE NOT EXISTS (SELECT 1 FROM " + t + " b WHERE b.id = a.id AND " + same + ")");
    }

    private List<String> columns(Connection c) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT * FROM " + table.quote(name) + " WHERE 1 = 0")) {
            for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                out.add(rs.getMetaData().getColumnName(i));
            }
        }
        return out;
    }

    private static long count(Connection c, String sql) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    void drop(Connection c) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute("DROP TABLE IF EXISTS " + table.quote(name));
        }
    }
}
