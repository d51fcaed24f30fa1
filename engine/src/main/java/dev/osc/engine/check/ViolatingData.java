package dev.osc.engine.check;

import dev.osc.engine.model.Column;
import dev.osc.engine.model.MappedColumn;
import dev.osc.engine.model.TableInfo;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

/**
 * Data that the ALTER would reject, found before anything is copied: NULLs in a column the ALTER
 * makes NOT NULL, duplicates in columns it makes unique, rows a new CHECK constraint rejects,
 * values a narrowed type cannot hold. Otherwise the run learns it at the end (the index build)
 * or in the middle (the copy). Each finding names the first offending row by its key.
 */
public final class ViolatingData {
    private final Connection connection;
    private final TableInfo table;
    private final UnaryOperator<String> quote;
    private final String quotedTable;
    private final String key;

    private ViolatingData(Connection connection, TableInfo table, ChangeGates.Quoting quoting) {
        this.connection = connection;
        this.table = table;
        this.quote = quoting.identifier();
        this.quotedTable = quoting.table();
        this.key = table.keyColumns().stream().map(quote).collect(Collectors.joining(", "));
    }

    /**
     * @param uniqueBefore the source's unique column lists (primary key included), which the data already satisfies
     */
    public static List<String> find(Connection c, TableInfo table, ProbedChange change, List<List<String>> uniqueBefore,
                                    TypeWidening widening, ChangeGates.Quoting quoting) throws SQLException {
        ViolatingData data = new ViolatingData(c, table, quoting);
        List<String> out = new ArrayList<>();
        out.addAll(data.nulls(change));
        out.addAll(data.duplicates(change, uniqueBefore));
        out.addAll(data.unfitValues(change, widening));
        out.addAll(data.checkViolations(change));
        return out;
    }

    private List<String> nulls(ProbedChange change) throws SQLException {
        List<String> out = new ArrayList<>();
        for (MappedColumn m : change.mapping().copied()) {
            boolean wasNullable = table.column(m.sourceName()).map(Column::nullable).orElse(false);
            boolean nowNotNull = change.columnsAfter().stream().anyMatch(col -> col.name().equals(m.targetName()) && !col.nullable());
            if (wasNullable && nowNotNull && !key.isEmpty()) {
                String first = first("SELECT " + key + " FROM " + quotedTable + " WHERE " + quote.apply(m.sourceName())
                        + " IS NULL LIMIT 1");
                if (first != null) {
                    out.add("column " + m.sourceName() + " holds NULLs (first at key " + first + "), which NOT NULL rejects");
                }
            }
        }
        return out;
    }

    private List<String> duplicates(ProbedChange change, List<List<String>> uniqueBefore) throws SQLException {
        List<String> out = new ArrayList<>();
        Set<Set<String>> satisfied = uniqueBefore.stream().map(Set::copyOf).collect(Collectors.toSet());
        for (List<String> unique : change.uniqueAfter()) {
            List<String> source = new ArrayList<>();
            for (String target : unique) {
                change.mapping().copied().stream().filter(m -> m.targetName().equals(target)).findFirst()
                        .ifPresent(m -> source.add(m.sourceName()));
            }
            if (source.size() != unique.size() || satisfied.contains(Set.copyOf(source))) {
                continue;
            }
            String cols = source.stream().map(quote).collect(Collectors.joining(", "));
            String notNull = source.stream().map(s -> quote.apply(s) + " IS NOT NULL").collect(Collectors.joining(" AND "));
            String first = first("SELECT " + cols + " FROM " + quotedTable + " WHERE " + notNull + " GROUP BY " + cols
                    + " HAVING COUNT(*) > 1 LIMIT 1");
            if (first != null) {
                out.add("(" + String.join(", ", source) + ") = (" + first + ") appears more than once, which the new unique key rejects");
            }
        }
        return out;
    }

    private List<String> unfitValues(ProbedChange change, TypeWidening widening) throws SQLException {
        List<String> out = new ArrayList<>();
        for (MappedColumn m : change.mapping().copied()) {
            if (!m.retyped() || key.isEmpty() || widening.widens(m.sourceType(), m.targetType())) {
                continue;
            }
            String column = quote.apply(m.sourceName());
            Optional<String> unfit = widening.unfit(column, m.sourceType(), m.targetType());
            if (unfit.isPresent()) {
                String first = first("SELECT " + key + ", " + column + " FROM " + quotedTable + " WHERE " + unfit.get() + " LIMIT 1");
                if (first != null) {
                    out.add("column " + m.sourceName() + " holds values " + m.targetType() + " cannot hold (first at key "
                            + first.substring(0, first.lastIndexOf(", ")) + ": " + first.substring(first.lastIndexOf(", ") + 2) + ")");
                }
            }
        }
        return out;
    }

    /**
     * A new CHECK constraint is evaluated on the source as it stands; one whose expression names a
     * renamed or retyped column may not evaluate there and is left to the copy.
     */
    private List<String> checkViolations(ProbedChange change) throws SQLException {
        List<String> out = new ArrayList<>();
        if (key.isEmpty()) {
            return out;
        }
        for (Map.Entry<String, String> check : change.after().checksAddedSince(change.before()).entrySet()) {
            String first;
            try {
                first = first("SELECT " + key + " FROM " + quotedTable + " WHERE NOT (" + check.getValue() + ") LIMIT 1");
            } catch (SQLException notOnTheSource) {
                restoreAfterError();
                continue;
            }
            if (first != null) {
                out.add("the row with key " + first + " fails CHECK constraint " + check.getKey() + " (" + check.getValue() + ")");
            }
        }
        return out;
    }

    /** A failed statement inside a transaction leaves it aborted on PostgreSQL: roll back to go on. */
    private void restoreAfterError() throws SQLException {
        if (!connection.getAutoCommit()) {
            connection.rollback();
        }
    }

    /** The first row's values, comma-separated, or null when there is none. */
    private String first(String sql) throws SQLException {
        try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            if (!rs.next()) {
                return null;
            }
            List<String> values = new ArrayList<>();
            for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                values.add(String.valueOf(rs.getString(i)));
            }
            return String.join(", ", values);
        }
    }
}
