package dev.osc.engine.check;

import dev.osc.engine.model.Column;
import dev.osc.engine.model.ColumnMapping;
import dev.osc.engine.model.MappedColumn;
import dev.osc.engine.model.TableInfo;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

/**
 * Data that the ALTER would reject, found before anything is copied: NULLs in a column the ALTER
 * makes NOT NULL, duplicates in columns it makes unique. Otherwise the run learns it at the end
 * (the index build) or in the middle (the copy). Each finding names the first offending row.
 */
public final class ViolatingData {
    private ViolatingData() {
    }

    /**
     * @param uniqueAfter the column lists (as the shadow names them) of the unique indexes the ALTER leaves
     * @param uniqueBefore the source's unique column lists (primary key included), which the data already satisfies
     */
    public static List<String> find(Connection c, TableInfo table, ColumnMapping mapping, List<Column> columnsAfter,
                                    List<List<String>> uniqueAfter, List<List<String>> uniqueBefore,
                                    UnaryOperator<String> quote, String quotedTable) throws SQLException {
        List<String> out = new ArrayList<>();
        String key = table.keyColumns().stream().map(quote).collect(Collectors.joining(", "));
        for (MappedColumn m : mapping.copied()) {
            boolean wasNullable = table.column(m.sourceName()).map(Column::nullable).orElse(false);
            boolean nowNotNull = columnsAfter.stream().anyMatch(col -> col.name().equals(m.targetName()) && !col.nullable());
            if (wasNullable && nowNotNull && !key.isEmpty()) {
                String first = first(c, "SELECT " + key + " FROM " + quotedTable + " WHERE " + quote.apply(m.sourceName())
                        + " IS NULL LIMIT 1");
                if (first != null) {
                    out.add("column " + m.sourceName() + " holds NULLs (first at key " + first + "), which NOT NULL rejects");
                }
            }
        }
        Set<Set<String>> satisfied = uniqueBefore.stream().map(Set::copyOf).collect(Collectors.toSet());
        for (List<String> unique : uniqueAfter) {
            List<String> source = new ArrayList<>();
            for (String target : unique) {
                mapping.copied().stream().filter(m -> m.targetName().equals(target)).findFirst().ifPresent(m -> source.add(m.sourceName()));
            }
            if (source.size() != unique.size() || satisfied.contains(Set.copyOf(source))) {
                continue;
            }
            String cols = source.stream().map(quote).collect(Collectors.joining(", "));
            String notNull = source.stream().map(s -> quote.apply(s) + " IS NOT NULL").collect(Collectors.joining(" AND "));
            String first = first(c, "SELECT " + cols + " FROM " + quotedTable + " WHERE " + notNull + " GROUP BY " + cols
                    + " HAVING COUNT(*) > 1 LIMIT 1");
            if (first != null) {
                out.add("(" + String.join(", ", source) + ") = (" + first + ") appears more than once, which the new unique key rejects");
            }
        }
        return out;
    }

    /** The first row's values, comma-separated, or null when there is none. */
    private static String first(Connection c, String sql) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
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
