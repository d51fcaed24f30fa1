package dev.osc.engine.pg;

import static dev.osc.engine.pg.PgIdentifiers.quote;

import dev.osc.engine.model.Column;
import dev.osc.engine.model.ColumnMapping;
import dev.osc.engine.model.Index;
import dev.osc.engine.model.TableName;
import dev.osc.engine.run.OscException;
import dev.osc.engine.script.CopyClause;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Creates a copy of the source ({@code LIKE ... INCLUDING ALL}), reads its catalog, applies the
 * user's ALTER clause to the copy and reads the catalog again. The planner does this on a probe
 * in a transaction it rolls back; the shadow path does it for real. The database parses the
 * ALTER; osc compares the two readings.
 */
public final class PgShadowBuilder {
    private final Connection connection;
    private final PgInspector inspector;

    public PgShadowBuilder(Connection connection) {
        this.connection = connection;
        this.inspector = new PgInspector(connection);
    }

    /**
     * Builds {@code copy} from {@code source} inside the caller's transaction. A rejected ALTER
     * becomes exit status 2 with the database's own message.
     */
    public ShadowReading build(TableName source, List<Index> sourceIndexes, TableName copy, PgAlterClause clause)
            throws SQLException {
        try (Statement st = connection.createStatement()) {
            st.execute("SET LOCAL lock_timeout = '5s'");
            st.execute("CREATE TABLE " + quote(copy) + " (LIKE " + quote(source) + " INCLUDING ALL)");
        }
        long oid = inspector.oid(copy);
        List<Column> before = inspector.columns(oid);
        List<Index> copyIndexes = inspector.indexes(oid);
        Map<String, String> indexNames = matchIndexes(sourceIndexes, copyIndexes);
        carryReplicaIdentity(source, copy, indexNames);
        Snapshot s0 = snapshot(oid);
        CopyClause onCopy = clause.forCopy(constraintNames(sourceIndexes, copyIndexes, indexNames),
                Set.copyOf(inspector.strings("SELECT conname FROM pg_constraint WHERE conrelid = ? AND contype = 'f'",
                        inspector.oid(source))));
        try (Statement st = connection.createStatement()) {
            if (!onCopy.isEmpty()) {
                st.execute("SAVEPOINT osc_alter");
                st.execute("ALTER TABLE " + quote(copy) + " " + onCopy.text());
                st.execute("RELEASE SAVEPOINT osc_alter");
            }
        } catch (SQLException e) {
            if (PgErrors.isUserError(e)) {
                throw OscException.badInput("the database rejected the ALTER clause: " + PgConnector.oneLine(e));
            }
            throw e;
        }
        TableName after = nameOf(oid);
        if (!after.equals(copy)) {
            throw OscException.badInput("the ALTER clause renames or moves the table; osc changes a table's shape, not its name");
        }
        List<Column> columnsAfter = inspector.columns(oid);
        Snapshot s1 = snapshot(oid);
        String autovacuumRestore = autovacuumOffUntilSwap(copy, oid);
        List<String> keyAfter = inspector.key(oid).columns();
        Set<String> remainingIndexes = new HashSet<>(inspector.strings(
                "SELECT c.relname FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid WHERE i.indrelid = ?", oid));
        indexNames.values().removeIf(name -> !remainingIndexes.contains(name));
        return new ShadowReading(copy, oid, ColumnMapping.between(before, columnsAfter), columnsAfter, keyAfter,
                indexNames, rewriteReasons(s0, s1), autovacuumRestore, onCopy.droppedForeignKeys());
    }

    /** The source's index-backed constraint names (primary key, unique, exclusion) to the copy's names for them. */
    private static Map<String, String> constraintNames(List<Index> sourceIndexes, List<Index> copyIndexes,
                                                       Map<String, String> indexNames) {
        Map<String, String> out = new HashMap<>();
        for (Index s : sourceIndexes) {
            String copyIndex = indexNames.get(s.name());
            copyIndexes.stream().filter(c -> c.name().equals(copyIndex) && c.constraintName() != null).findFirst()
                    .ifPresent(c -> {
                        if (s.constraintName() != null) {
                            out.put(s.constraintName(), c.constraintName());
                        }
                    });
        }
        return out;
    }

    /**
     * Gives the copy the source's replica identity, which {@code LIKE ... INCLUDING ALL} leaves out:
     * {@code FULL}, {@code NOTHING}, or {@code USING INDEX} the copy's twin of the source's identity
     * index (for a table without primary key, the key osc works by). Set before the ALTER, so the
     * ALTER may change it and the reading after it shows whether the key survived.
     */
    private void carryReplicaIdentity(TableName source, TableName copy, Map<String, String> indexNames) throws SQLException {
        String identity = null;
        String index = null;
        try (PreparedStatement ps = connection.prepareStatement(
                "SELECT c.relreplident::text, (SELECT ic.relname FROM pg_index i JOIN pg_class ic ON ic.oid = i.indexrelid "
                        + "WHERE i.indrelid = c.oid AND i.indisreplident) FROM pg_class c WHERE c.oid = ?")) {
            ps.setLong(1, inspector.oid(source));
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    identity = rs.getString(1);
                    index = rs.getString(2);
                }
            }
        }
        String action = switch (identity == null ? "d" : identity) {
            case "f" -> "FULL";
            case "n" -> "NOTHING";
            // an identity index that was dropped leaves the table logging no old key at all
            case "i" -> index == null ? "NOTHING" : indexNames.containsKey(index) ? "USING INDEX " + quote(indexNames.get(index)) : null;
            default -> null;
        };
        if (action != null) {
            try (Statement st = connection.createStatement()) {
                st.execute("ALTER TABLE " + quote(copy) + " REPLICA IDENTITY " + action);
            }
        }
    }

    /**
     * Turns autovacuum off on the shadow while it fills (a vacuum of the freshly copied rows would hold
     * a lock the swap needs; the run analyzes the shadow before the swap) and returns what the swap
     * puts back: the settings the ALTER clause itself gave, else the defaults.
     */
    private String autovacuumOffUntilSwap(TableName copy, long oid) throws SQLException {
        String table = null;
        String toast = null;
        try (PreparedStatement ps = connection.prepareStatement("SELECT "
                + "(SELECT option_value FROM pg_options_to_table(c.reloptions) WHERE option_name = 'autovacuum_enabled'), "
                + "(SELECT option_value FROM pg_options_to_table(t.reloptions) WHERE option_name = 'autovacuum_enabled') "
                + "FROM pg_class c LEFT JOIN pg_class t ON t.oid = c.reltoastrelid WHERE c.oid = ?")) {
            ps.setLong(1, oid);
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    table = rs.getString(1);
                    toast = rs.getString(2);
                }
            }
        }
        try (Statement st = connection.createStatement()) {
            st.execute("ALTER TABLE " + quote(copy) + " SET (autovacuum_enabled = false, toast.autovacuum_enabled = false)");
        }
        return restore("autovacuum_enabled", table) + ", " + restore("toast.autovacuum_enabled", toast);
    }

    private static String restore(String option, String value) {
        boolean plain = value != null && value.matches("[A-Za-z0-9]+");
        return plain ? "SET (" + option + " = " + value + ")" : "RESET (" + option + ")";
    }

    /** Source index name to copy index name, matched by their name-free signatures. */
    static Map<String, String> matchIndexes(List<Index> sourceIndexes, List<Index> copyIndexes) {
        Map<String, List<String>> bySignature = new HashMap<>();
        for (Index c : copyIndexes) {
            bySignature.computeIfAbsent(c.signature(), k -> new ArrayList<>()).add(c.name());
        }
        Map<String, String> out = new LinkedHashMap<>();
        for (Index s : sourceIndexes) {
            List<String> candidates = bySignature.get(s.signature());
            if (candidates != null && !candidates.isEmpty()) {
                out.put(s.name(), candidates.remove(0));
            }
        }
        return out;
    }

    private TableName nameOf(long oid) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(
                "SELECT n.nspname, c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.oid = ?")) {
            ps.setLong(1, oid);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return new TableName(rs.getString(1), rs.getString(2));
            }
        }
    }

    /** Storage and validation facts whose change means the ALTER reads or rewrites the table. */
    private record Snapshot(long relfilenode, Map<String, Long> indexFiles, Map<String, Boolean> validatedConstraints,
                            Map<String, Boolean> notNull) {
    }

    private Snapshot snapshot(long oid) throws SQLException {
        long relfilenode;
        try (PreparedStatement ps = connection.prepareStatement("SELECT relfilenode FROM pg_class WHERE oid = ?")) {
            ps.setLong(1, oid);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                relfilenode = rs.getLong(1);
            }
        }
        Map<String, Long> indexFiles = new HashMap<>();
        try (PreparedStatement ps = connection.prepareStatement(
                "SELECT c.relname, c.relfilenode FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid WHERE i.indrelid = ?")) {
            ps.setLong(1, oid);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    indexFiles.put(rs.getString(1), rs.getLong(2));
                }
            }
        }
        Map<String, Boolean> constraints = new HashMap<>();
        try (PreparedStatement ps = connection.prepareStatement(
                "SELECT conname || ' (' || contype::text || ')', convalidated FROM pg_constraint WHERE conrelid = ? AND contype IN ('c', 'f')")) {
            ps.setLong(1, oid);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    constraints.put(rs.getString(1), rs.getBoolean(2));
                }
            }
        }
        Map<String, Boolean> notNull = new HashMap<>();
        for (Column c : inspector.columns(oid)) {
            notNull.put(c.position() + ":" + c.name(), !c.nullable());
        }
        return new Snapshot(relfilenode, indexFiles, constraints, notNull);
    }

    private static List<String> rewriteReasons(Snapshot before, Snapshot after) {
        List<String> reasons = new ArrayList<>();
        if (before.relfilenode() != after.relfilenode()) {
            reasons.add("rewrites the table");
        }
        after.indexFiles().forEach((name, file) -> {
            Long old = before.indexFiles().get(name);
            if (old == null) {
                reasons.add("builds index " + name);
            } else if (!old.equals(file) && before.relfilenode() == after.relfilenode()) {
                reasons.add("rebuilds index " + name);
            }
        });
        after.validatedConstraints().forEach((name, validated) -> {
            if (validated && !Boolean.TRUE.equals(before.validatedConstraints().get(name))) {
                reasons.add("validates constraint " + name + " by scanning the table");
            }
        });
        after.notNull().forEach((column, notNull) -> {
            if (notNull && Boolean.FALSE.equals(before.notNull().get(column))) {
                reasons.add("SET NOT NULL on " + column.substring(column.indexOf(':') + 1) + " scans the table");
            }
        });
        return reasons;
    }
}
