package dev.osc.engine.pg;

import dev.osc.engine.check.TableConstraints;
import dev.osc.engine.model.Column;
import dev.osc.engine.model.Index;
import dev.osc.engine.model.TableInfo;
import dev.osc.engine.model.TableName;
import dev.osc.engine.run.OscException;
import dev.osc.engine.run.Rows;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Reads what osc needs to know about a table from the PostgreSQL catalog. */
public final class PgInspector {
    private final Connection connection;

    public PgInspector(Connection connection) {
        this.connection = connection;
    }

    /** Resolves {@code [SCHEMA.]TABLE} to the stored name, or fails with exit status 2. */
    public TableName resolve(String userTableName) throws SQLException {
        List<String> parts = splitQualified(userTableName);
        String schema = parts.size() == 2 ? parts.get(0) : currentSchema();
        String table = parts.get(parts.size() - 1);
        Optional<TableName> found = lookup(schema, table);
        if (found.isEmpty() && !userTableName.contains("\"")) {
            found = lookup(schema.toLowerCase(java.util.Locale.ROOT), table.toLowerCase(java.util.Locale.ROOT));
        }
        return found.orElseThrow(() -> OscException.badInput("table " + userTableName + " does not exist"));
    }

    private String currentSchema() throws SQLException {
        try (var st = connection.createStatement(); ResultSet rs = st.executeQuery("SELECT current_schema()")) {
            rs.next();
            return rs.getString(1) == null ? "public" : rs.getString(1);
        }
    }

    private Optional<TableName> lookup(String schema, String table) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(
                "SELECT n.nspname, c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
                        + "WHERE n.nspname = ? AND c.relname = ? AND c.relkind IN ('r', 'p')")) {
            ps.setString(1, schema);
            ps.setString(2, table);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(new TableName(rs.getString(1), rs.getString(2))) : Optional.empty();
            }
        }
    }

    /** Splits a user-written name on its dot, honouring double quotes. */
    static List<String> splitQualified(String name) {
        return dev.osc.engine.model.QualifiedNames.split(name, '"', "TABLE or SCHEMA.TABLE");
    }

    public long oid(TableName table) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(
                "SELECT c.oid FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = ? AND c.relname = ?")) {
            ps.setString(1, table.schema());
            ps.setString(2, table.name());
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw OscException.badInput("table " + table + " does not exist");
                }
                return rs.getLong(1);
            }
        }
    }

    public TableInfo inspect(TableName table) throws SQLException {
        long oid = oid(table);
        List<Column> columns = columns(oid);
        Key key = key(oid);
        long rows = 0;
        long bytes = 0;
        boolean partitioned = false;
        boolean partition = false;
        try (PreparedStatement ps = connection.prepareStatement(
                "SELECT greatest(c.reltuples, 0)::bigint, pg_total_relation_size(c.oid), c.relkind = 'p', c.relispartition "
                        + "FROM pg_class c WHERE c.oid = ?")) {
            ps.setLong(1, oid);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                rows = rs.getLong(1);
                bytes = rs.getLong(2);
                partitioned = rs.getBoolean(3);
                partition = rs.getBoolean(4);
            }
        }
        return new TableInfo(table, oid, columns, key.columns(), key.source(), rows, bytes,
                indexes(oid),
                strings("SELECT conname || ': ' || pg_get_constraintdef(oid) FROM pg_constraint WHERE conrelid = ? AND contype = 'f' ORDER BY conname", oid),
                strings("SELECT conrelid::regclass::text || '.' || conname FROM pg_constraint WHERE confrelid = ? AND contype = 'f' ORDER BY 1", oid),
                strings("SELECT tgname FROM pg_trigger WHERE tgrelid = ? AND NOT tgisinternal ORDER BY tgname", oid),
                strings("SELECT DISTINCT v.oid::regclass::text FROM pg_depend d JOIN pg_rewrite r ON r.oid = d.objid "
                        + "JOIN pg_class v ON v.oid = r.ev_class WHERE d.classid = 'pg_rewrite'::regclass "
                        + "AND d.refobjid = ? AND v.oid <> d.refobjid ORDER BY 1", oid),
                partitioned, partition,
                !strings("SELECT inhrelid::text FROM pg_inherits WHERE inhparent = ? OR inhrelid = ?", oid, oid).isEmpty());
    }

    public List<Column> columns(long oid) throws SQLException {
        List<Column> out = new ArrayList<>();
        try (PreparedStatement ps = connection.prepareStatement(
                "SELECT a.attname, a.attnum, format_type(a.atttypid, a.atttypmod), NOT a.attnotnull, "
                        + "a.attidentity <> '', a.attgenerated <> '', a.atthasdef FROM pg_attribute a "
                        + "WHERE a.attrelid = ? AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attnum")) {
            ps.setLong(1, oid);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Column(rs.getString(1), rs.getInt(2), rs.getString(3), rs.getBoolean(4),
                            rs.getBoolean(5), rs.getBoolean(6), rs.getBoolean(7)));
                }
            }
        }
        return out;
    }

    /** A table's key columns in key order and where they come from: "primary key", "replica identity index" or "none". */
    public record Key(List<String> columns, String source) {
    }

    /**
     * The key osc copies and applies changes by: the primary key, else the replica identity index
     * ({@code REPLICA IDENTITY USING INDEX}: unique, not partial, on NOT NULL columns); the source and
     * the shadow are read the same way.
     */
    public Key key(long oid) throws SQLException {
        List<String> primary = keyColumns(oid, "i.indisprimary");
        if (!primary.isEmpty()) {
            return new Key(primary, "primary key");
        }
        List<String> identity = keyColumns(oid, "i.indisreplident");
        return new Key(identity, identity.isEmpty() ? "none" : "replica identity index");
    }

    private List<String> keyColumns(long oid, String which) throws SQLException {
        return strings("SELECT a.attname FROM pg_index i CROSS JOIN LATERAL unnest(i.indkey) WITH ORDINALITY k(attnum, ord) "
                + "JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.attnum "
                + "WHERE i.indrelid = ? AND " + which + " ORDER BY k.ord", oid);
    }

    /** The table's indexes with name-free signatures, so the same index on a copy matches. */
    public List<Index> indexes(long oid) throws SQLException {
        List<Index> out = new ArrayList<>();
        try (PreparedStatement ps = connection.prepareStatement(
                "SELECT c.relname, i.indisprimary, i.indisunique, "
                        + "concat_ws('|', am.amname, i.indisunique, i.indnkeyatts, i.indoption::text, i.indclass::text, "
                        + "  i.indcollation::text, "
                        + "  (SELECT string_agg(coalesce(a.attname::text, '#'), ',' ORDER BY k.ord) "
                        + "     FROM unnest(i.indkey) WITH ORDINALITY k(attnum, ord) "
                        + "     LEFT JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.attnum), "
                        + "  pg_get_expr(i.indexprs, i.indrelid), pg_get_expr(i.indpred, i.indrelid)), "
                        + "CASE WHEN i.indisunique AND i.indexprs IS NULL AND i.indpred IS NULL THEN "
                        + "  ARRAY(SELECT a.attname::text FROM unnest(i.indkey) WITH ORDINALITY k(attnum, ord) "
                        + "        JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.attnum "
                        + "        WHERE k.ord <= i.indnkeyatts ORDER BY k.ord) ELSE ARRAY[]::text[] END, "
                        + "con.conname "
                        + "FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid JOIN pg_am am ON am.oid = c.relam "
                        + "LEFT JOIN pg_constraint con ON con.conindid = i.indexrelid AND con.conrelid = i.indrelid "
                        + "WHERE i.indrelid = ? ORDER BY c.relname")) {
            ps.setLong(1, oid);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Array cols = rs.getArray(5);
                    out.add(new Index(rs.getString(1), rs.getBoolean(2), rs.getBoolean(3), rs.getString(4),
                            Arrays.asList((String[]) cols.getArray()), rs.getString(6)));
                }
            }
        }
        return out;
    }

    /** The CHECK constraints (name to expression, and the ones not validated) and the columns' collations, for the gates. */
    public TableConstraints constraints(long oid) throws SQLException {
        return new TableConstraints(
                Rows.pairs(connection, "SELECT conname, pg_get_expr(conbin, conrelid) FROM pg_constraint WHERE conrelid = ? AND contype = 'c'", oid),
                java.util.Set.copyOf(strings("SELECT conname FROM pg_constraint WHERE conrelid = ? AND contype = 'c' AND NOT convalidated", oid)),
                Rows.pairs(connection, "SELECT a.attname, a.attcollation::regcollation::text FROM pg_attribute a "
                        + "WHERE a.attrelid = ? AND a.attnum > 0 AND NOT a.attisdropped AND a.attcollation <> 0", oid));
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

    /** The table's definition, one line per column, index and constraint, and its replica identity, as the catalog gives it now. */
    public List<String> definition(long oid) throws SQLException {
        return strings(
                "SELECT 'column ' || a.attnum || ' ' || quote_ident(a.attname) || ' ' || format_type(a.atttypid, a.atttypmod) "
                        + "|| CASE WHEN a.attcollation <> 0 AND a.attcollation <> t.typcollation "
                        + "THEN ' COLLATE ' || a.attcollation::regcollation::text ELSE '' END "
                        + "|| CASE WHEN a.attnotnull THEN ' NOT NULL' ELSE '' END "
                        + "|| coalesce(' DEFAULT ' || pg_get_expr(d.adbin, d.adrelid), '') "
                        + "|| CASE WHEN a.attidentity <> '' THEN ' IDENTITY' ELSE '' END "
                        + "|| CASE WHEN a.attgenerated <> '' THEN ' GENERATED' ELSE '' END "
                        + "FROM pg_attribute a JOIN pg_type t ON t.oid = a.atttypid "
                        + "LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum "
                        + "WHERE a.attrelid = ? AND a.attnum > 0 AND NOT a.attisdropped "
                        + "UNION ALL SELECT 'index ' || pg_get_indexdef(i.indexrelid) FROM pg_index i WHERE i.indrelid = ? "
                        + "UNION ALL SELECT 'constraint ' || quote_ident(k.conname) || ' ' || pg_get_constraintdef(k.oid) "
                        + "FROM pg_constraint k WHERE k.conrelid = ? "
                        + "UNION ALL SELECT 'trigger ' || pg_get_triggerdef(g.oid) FROM pg_trigger g WHERE g.tgrelid = ? AND NOT g.tgisinternal "
                        + "UNION ALL SELECT 'referenced by ' || k.conrelid::regclass::text || ' ' || quote_ident(k.conname) "
                        + "FROM pg_constraint k WHERE k.confrelid = ? AND k.contype = 'f' "
                        // the stream's keys depend on it: a table keyed by its identity index logs no old key without it
                        + "UNION ALL SELECT 'replica identity ' || CASE c.relreplident WHEN 'd' THEN 'DEFAULT' WHEN 'f' THEN 'FULL' "
                        + "WHEN 'n' THEN 'NOTHING' ELSE 'USING INDEX ' || coalesce((SELECT quote_ident(ic.relname) FROM pg_index i "
                        + "JOIN pg_class ic ON ic.oid = i.indexrelid WHERE i.indrelid = c.oid AND i.indisreplident), '(dropped)') END "
                        + "FROM pg_class c WHERE c.oid = ? ORDER BY 1", oid, oid, oid, oid, oid, oid);
    }
}
