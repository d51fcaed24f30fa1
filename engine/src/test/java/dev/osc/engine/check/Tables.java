package dev.osc.engine.check;

import dev.osc.engine.model.Column;
import dev.osc.engine.model.ColumnMapping;
import dev.osc.engine.model.TableInfo;
import dev.osc.engine.model.TableName;
import java.util.List;

/** Hand-built tables and contexts for the checks that read only the model. */
public final class Tables {
    public static final TableName T = new TableName("s", "t");

    private Tables() {
    }

    public static Column column(String name, int position, String type) {
        return new Column(name, position, type, true, false, false, false);
    }

    /** {@code s.t (id bigint, v int)} keyed by {@code key}, nothing else attached. */
    public static TableInfo keyed(String... key) {
        return new TableInfo(T, 1, List.of(column("id", 1, "bigint"), column("v", 2, "integer")), List.of(key),
                key.length == 0 ? "none" : "primary key", 10, 8192, List.of(), List.of(), List.of(), List.of(), List.of(),
                false, false, false);
    }

    public static TableInfo withColumns(List<Column> columns, List<String> key) {
        TableInfo t = keyed();
        return new TableInfo(t.name(), t.oid(), columns, key, "primary key", t.estimatedRows(), t.totalBytes(), t.indexes(),
                t.foreignKeysOut(), t.foreignKeysIn(), t.triggers(), t.dependentViews(), false, false, false);
    }

    public static TableInfo attached(List<String> foreignKeysOut, List<String> foreignKeysIn, List<String> triggers,
                                     List<String> views) {
        TableInfo t = keyed("id");
        return new TableInfo(t.name(), t.oid(), t.columns(), t.keyColumns(), t.keySource(), t.estimatedRows(), t.totalBytes(),
                t.indexes(), foreignKeysOut, foreignKeysIn, triggers, views, false, false, false);
    }

    public static TableInfo partitioning(boolean partitioned, boolean partition, boolean inherits) {
        TableInfo t = keyed("id");
        return new TableInfo(t.name(), t.oid(), t.columns(), t.keyColumns(), t.keySource(), t.estimatedRows(), t.totalBytes(),
                t.indexes(), List.of(), List.of(), List.of(), List.of(), partitioned, partition, inherits);
    }

    /** A context with no connection and no run tables, before the probe. */
    public static CheckContext context(TableInfo table) {
        return CheckContext.beforeProbe(null, table, new ClauseFacts("ADD COLUMN x int", false), List.of());
    }

    /** A context after a probe that read {@code after} and the key {@code keyAfter}. */
    public static CheckContext probed(TableInfo table, ClauseFacts clause, List<Column> after, List<String> keyAfter) {
        return CheckContext.beforeProbe(null, table, clause, List.of())
                .probed(new CheckContext.Probe(ColumnMapping.between(table.columns(), after), keyAfter));
    }
}
