package dev.osc.engine.mysql;

import dev.osc.engine.check.TableConstraints;
import dev.osc.engine.model.Column;
import dev.osc.engine.model.Index;
import dev.osc.engine.model.TableInfo;
import dev.osc.engine.model.TableName;
import dev.osc.engine.run.OscException;
import dev.osc.engine.run.Rows;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Reads what osc needs to know about a table from MySQL/MariaDB's information_schema. */
public final class MyInspector {
    private final Connection connection;

    public MyInspector(Connection connection) {
        this.connection = connection;
    }

    /** Resolves {@code [DATABASE.]TABLE} (backticks allowed) to the stored name, or fails with exit status 2. */
    public TableName resolve(String userTableName, String defaultDatabase) throws SQLException {
        List<String> parts = splitQualified(userTableName);
        String db = parts.size() == 2 ? parts.get(0) : defaultDatabase;
        String table = parts.get(parts.size() - 1);
        try (PreparedStatement ps = connection.prepareStatement("SELECT TABLE_SCHEMA, TABLE_NAME FROM information_schema.TABLES "
                + "WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ? AND TABLE_TYPE = 'BASE TABLE'")) {
            ps.setString(1, db);
            ps.setString(2, table);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw OscException.badInput("table " + userTableName + " does not exist");
                }
                return new TableName(rs.getString(1), rs.getString(2));
            }
        }
    }

    static List<String> splitQualified(String name) {
        return dev.osc.engine.model.QualifiedNames.split(name, '`', "TABLE or DATABASE.TABLE");
    }

    public boolean exists(TableName table) throws SQLException {
        return !strings("SELECT TABLE_NAME FROM information_schema.TABLES WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ?",
                table.schema(), table.name()).isEmpty();
    }

    /** How many rows a plan counts at most (a few milliseconds), to catch statistics that lag far behind. */
    static final long BOUNDED_COUNT = 100_000;

    /** The least an InnoDB row takes (header, transaction id, roll pointer): a floor for a size nothing else vouches for. */
    static final long MIN_ROW_BYTES = 32;

    /** What a table with more rows than the bounded count is taken to be at least, when nothing else tells: 1 GiB. */
    static final long UNKNOWN_LARGE_BYTES = 1L << 30;

    /** The size of the table's own tablespace file (file-per-table), 0 when there is none to read. */
    private long tablespaceBytes(TableName table) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(
                "SELECT COALESCE(MAX(FILE_SIZE), 0) FROM information_schema.INNODB_SYS_TABLESPACES WHERE NAME = ?")) {
            ps.setString(1, table.schema() + "/" + table.name());
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getLong(1) : 0;
            }
        } catch (SQLException e) {
            // no such view (MySQL names it INNODB_TABLESPACES) or no PROCESS privilege: the statistics and the count remain
            return 0;
        }
    }

    /** The table's rows, counted up to {@code limit}. */
    private long boundedCount(TableName table, long limit) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("SELECT COUNT(*) FROM (SELECT 1 FROM "
                + MyIdentifiers.quote(table) + " LIMIT " + limit + ") x");
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    public TableInfo inspect(TableName table) throws SQLException {
        long rows = 0;
        long bytes = 0;
        boolean partitioned = false;
        try (PreparedStatement ps = connection.prepareStatement("SELECT COALESCE(TABLE_ROWS, 0), "
                + "COALESCE(DATA_LENGTH, 0) + COALESCE(INDEX_LENGTH, 0), COALESCE(CREATE_OPTIONS, '') LIKE '%partitioned%' "
                + "FROM information_schema.TABLES WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ?")) {
            ps.setString(1, table.schema());
            ps.setString(2, table.name());
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw OscException.badInput("table " + table + " does not exist");
                }
                rows = rs.getLong(1);
                bytes = rs.getLong(2);
                partitioned = rs.getBoolean(3);
            }
        }
        // TABLES reads persistent statistics, which lag a bulk load (16 KiB for a million rows was seen):
        // the tablespace file's own size cannot be stale, nor can a count
        bytes = Math.max(bytes, tablespaceBytes(table));
        long counted = boundedCount(table, BOUNDED_COUNT);
        rows = Math.max(rows, counted);
        bytes = Math.max(bytes, counted * MIN_ROW_BYTES);
        if (counted >= BOUNDED_COUNT) {
            // more rows than counted: the size is unknown and large, so no blocking rewrite is planned from it
            bytes = Math.max(bytes, UNKNOWN_LARGE_BYTES);
        }
        String qualified = "`" + table.schema().replace("`", "``") + "`.`" + table.name().replace("`", "``") + "`";
        return new TableInfo(table, 0, columns(table), primaryKey(table), "primary key", rows, bytes, indexes(table),
                strings("SELECT CONCAT(CONSTRAINT_NAME, ' -> ', REFERENCED_TABLE_NAME) FROM information_schema.REFERENTIAL_CONSTRAINTS "
                        + "WHERE CONSTRAINT_SCHEMA = ? AND TABLE_NAME = ? ORDER BY 1", table.schema(), table.name()),
                strings("SELECT CONCAT(TABLE_NAME, '.', CONSTRAINT_NAME) FROM information_schema.REFERENTIAL_CONSTRAINTS "
                        + "WHERE UNIQUE_CONSTRAINT_SCHEMA = ? AND REFERENCED_TABLE_NAME = ? ORDER BY 1", table.schema(), table.name()),
                strings("SELECT TRIGGER_NAME FROM information_schema.TRIGGERS WHERE EVENT_OBJECT_SCHEMA = ? AND EVENT_OBJECT_TABLE = ? "
                        + "ORDER BY 1", table.schema(), table.name()),
                strings("SELECT CONCAT(TABLE_SCHEMA, '.', TABLE_NAME) FROM information_schema.VIEWS WHERE TABLE_SCHEMA = ? "
                        + "AND (VIEW_DEFINITION LIKE CONCAT('%', ?, '%')) ORDER BY 1", table.schema(), qualified),
                partitioned, false, false);
    }

    public List<Column> columns(TableName table) throws SQLException {
        List<Column> out = new ArrayList<>();
        try (PreparedStatement ps = connection.prepareStatement("SELECT COLUMN_NAME, ORDINAL_POSITION, COLUMN_TYPE, "
                + "IS_NULLABLE = 'YES', EXTRA LIKE '%auto_increment%', COALESCE(IS_GENERATED, 'NEVER') <> 'NEVER', "
                + "COLUMN_DEFAULT IS NOT NULL FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ? "
                + "ORDER BY ORDINAL_POSITION")) {
            ps.setString(1, table.schema());
            ps.setString(2, table.name());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Column(rs.getString(1), rs.getInt(2), rs.getString(3), rs.getBoolean(4), rs.getBoolean(5),
                            rs.getBoolean(6), rs.getBoolean(7)));
                }
            }
        }
        return out;
    }

    public List<String> primaryKey(TableName table) throws SQLException {
        return strings("SELECT COLUMN_NAME FROM information_schema.STATISTICS WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ? "
                + "AND INDEX_NAME = 'PRIMARY' ORDER BY SEQ_IN_INDEX", table.schema(), table.name());
    }

    public List<Index> indexes(TableName table) throws SQLException {
        Map<String, List<String>> columns = new LinkedHashMap<>();
        Map<String, Boolean> unique = new LinkedHashMap<>();
        Map<String, String> type = new LinkedHashMap<>();
        Map<String, Boolean> plain = new LinkedHashMap<>();
        try (PreparedStatement ps = connection.prepareStatement("SELECT INDEX_NAME, NON_UNIQUE = 0, COLUMN_NAME, SUB_PART, INDEX_TYPE "
                + "FROM information_schema.STATISTICS WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ? ORDER BY INDEX_NAME, SEQ_IN_INDEX")) {
            ps.setString(1, table.schema());
            ps.setString(2, table.name());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String name = rs.getString(1);
                    String part = rs.getString(4);
                    columns.computeIfAbsent(name, k -> new ArrayList<>()).add(rs.getString(3) + (part == null ? "" : "(" + part + ")"));
                    unique.put(name, rs.getBoolean(2));
                    type.put(name, rs.getString(5));
                    plain.merge(name, part == null && rs.getString(3) != null, Boolean::logicalAnd);
                }
            }
        }
        List<Index> out = new ArrayList<>();
        for (String name : columns.keySet()) {
            boolean isUnique = unique.get(name);
            String signature = type.get(name) + "|" + isUnique + "|" + String.join(",", columns.get(name));
            out.add(new Index(name, name.equals("PRIMARY"), isUnique, signature,
                    isUnique && plain.get(name) ? columns.get(name) : List.of(), isUnique ? name : null));
        }
        return out;
    }

    /**
     * The CHECK constraints (name to expression) and the columns' collations, for the gates. MariaDB names
     * a CHECK constraint per table (its CHECK_CONSTRAINTS has the table's name); MySQL 8 per schema.
     */
    public TableConstraints constraints(TableName table) throws SQLException {
        Map<String, String> checks;
        try {
            checks = Rows.pairs(connection, "SELECT CONSTRAINT_NAME, CHECK_CLAUSE FROM information_schema.CHECK_CONSTRAINTS "
                    + "WHERE CONSTRAINT_SCHEMA = ? AND TABLE_NAME = ?", table.schema(), table.name());
        } catch (SQLException noTableName) {
            checks = Rows.pairs(connection, "SELECT tc.CONSTRAINT_NAME, cc.CHECK_CLAUSE FROM information_schema.TABLE_CONSTRAINTS tc "
                    + "JOIN information_schema.CHECK_CONSTRAINTS cc ON cc.CONSTRAINT_SCHEMA = tc.CONSTRAINT_SCHEMA "
                    + "AND cc.CONSTRAINT_NAME = tc.CONSTRAINT_NAME WHERE tc.TABLE_SCHEMA = ? AND tc.TABLE_NAME = ? "
                    + "AND tc.CONSTRAINT_TYPE = 'CHECK'", table.schema(), table.name());
        }
        return new TableConstraints(checks, java.util.Set.of(), Rows.pairs(connection, "SELECT COLUMN_NAME, COLLATION_NAME FROM information_schema.COLUMNS "
                + "WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ? AND COLLATION_NAME IS NOT NULL", table.schema(), table.name()));
    }

    List<String> strings(String sql, Object... params) throws SQLException {
        List<String> out = new ArrayList<>();
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
        }
        return out;
    }

    Optional<String> variable(String name) throws SQLException {
        List<String> v = strings("SELECT @@GLOBAL." + name);
        return v.isEmpty() ? Optional.empty() : Optional.ofNullable(v.get(0));
    }

    /** The table's definition, one line per column and index, as the data dictionary gives it now. */
    public List<String> definition(TableName table) throws SQLException {
        try (java.sql.Statement st = connection.createStatement()) {
            st.execute("SET SESSION group_concat_max_len = 1048576");
        }
        return strings(
                "SELECT CONCAT('column ', COLUMN_NAME, ' ', COLUMN_TYPE, IFNULL(CONCAT(' COLLATE ', COLLATION_NAME), ''), "
                        + "IF(IS_NULLABLE = 'NO', ' NOT NULL', ''), IFNULL(CONCAT(' DEFAULT ', COLUMN_DEFAULT), ''), "
                        + "IF(EXTRA <> '', CONCAT(' ', EXTRA), ''), IFNULL(CONCAT(' AS ', GENERATION_EXPRESSION), ''), ' at ', ORDINAL_POSITION) "
                        + "FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ? "
                        + "UNION ALL SELECT CONCAT('index ', INDEX_NAME, IF(NON_UNIQUE = 0, ' UNIQUE', ''), ' (', "
                        + "GROUP_CONCAT(COLUMN_NAME, IFNULL(CONCAT('(', SUB_PART, ')'), '') ORDER BY SEQ_IN_INDEX), ')') "
                        + "FROM information_schema.STATISTICS WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ? "
                        + "GROUP BY INDEX_NAME, NON_UNIQUE "
                        // CHECK_CONSTRAINTS has no table name on MySQL 8: reached through TABLE_CONSTRAINTS on both
                        + "UNION ALL SELECT CONCAT('constraint ', tc.CONSTRAINT_NAME, ' ', cc.CHECK_CLAUSE) "
                        + "FROM information_schema.TABLE_CONSTRAINTS tc JOIN information_schema.CHECK_CONSTRAINTS cc "
                        + "ON cc.CONSTRAINT_SCHEMA = tc.CONSTRAINT_SCHEMA AND cc.CONSTRAINT_NAME = tc.CONSTRAINT_NAME "
                        + "WHERE tc.TABLE_SCHEMA = ? AND tc.TABLE_NAME = ? AND tc.CONSTRAINT_TYPE = 'CHECK' "
                        + "UNION ALL SELECT CONCAT('foreign key ', CONSTRAINT_NAME, ' ', TABLE_NAME, ' -> ', REFERENCED_TABLE_NAME) "
                        + "FROM information_schema.REFERENTIAL_CONSTRAINTS WHERE CONSTRAINT_SCHEMA = ? AND (TABLE_NAME = ? OR REFERENCED_TABLE_NAME = ?) "
                        + "UNION ALL SELECT CONCAT('trigger ', TRIGGER_NAME, ' ', ACTION_TIMING, ' ', EVENT_MANIPULATION, ' ', ACTION_STATEMENT) "
                        + "FROM information_schema.TRIGGERS WHERE EVENT_OBJECT_SCHEMA = ? AND EVENT_OBJECT_TABLE = ? ORDER BY 1", table.schema(), table.name(), table.schema(), table.name(), table.schema(), table.name(),
                table.schema(), table.name(), table.name(), table.schema(), table.name());
    }
}
