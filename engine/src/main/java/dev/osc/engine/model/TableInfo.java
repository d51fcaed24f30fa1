package dev.osc.engine.model;

import java.util.List;
import java.util.Optional;

/** What the pre-flight checks and the planner need to know about one table. */
public record TableInfo(
        TableName name,
        long oid,
        List<Column> columns,
        List<String> keyColumns,
        String keySource,
        long estimatedRows,
        long totalBytes,
        List<Index> indexes,
        List<String> foreignKeysOut,
        List<String> foreignKeysIn,
        List<String> triggers,
        List<String> dependentViews,
        boolean partitioned,
        boolean partition,
        boolean inherits) {

    public Optional<Column> column(String columnName) {
        return columns.stream().filter(c -> c.name().equals(columnName)).findFirst();
    }

    public Column keyColumn(int i) {
        return column(keyColumns.get(i)).orElseThrow();
    }

    public boolean hasKey() {
        return !keyColumns.isEmpty();
    }
}
