package dev.osc.engine.mysql;

import dev.osc.engine.model.Column;
import dev.osc.engine.model.Index;
import dev.osc.engine.model.MappedColumn;
import dev.osc.engine.model.TableInfo;
import dev.osc.engine.model.TableName;
import dev.osc.engine.rows.UniqueKey;
import java.util.ArrayList;
import java.util.List;

/**
 * Source and shadow side by side for the statement builders: the key (names and bind
 * expressions), the copied columns and the shadow's other unique keys.
 */
public record MyTablePair(
        TableName source,
        TableName shadow,
        List<String> sourceKey,
        List<String> keyBinds,
        List<String> shadowKey,
        List<MappedColumn> copied,
        List<UniqueKey> uniqueKeys) {

    public MyTablePair {
        if (sourceKey.isEmpty() || sourceKey.size() != keyBinds.size() || sourceKey.size() != shadowKey.size()) {
            throw new IllegalArgumentException("source and shadow need the same non-empty key");
        }
        if (source.equals(shadow)) {
            // the applier deletes from the target what it then reads from the source: one table would lose its rows
            throw new IllegalArgumentException("source and target are the same table " + source);
        }
    }

    /**
     * The pair the other way round, after the swap: the new table ({@code created}, under the
     * source's name) as the source, {@code old} as the target, whose {@code oldIndexes} give its unique keys.
     */
    public MyTablePair reversed(TableName created, TableName old, List<Index> oldIndexes) {
        List<MappedColumn> back = copied.stream().map(MappedColumn::reversed).toList();
        List<String> binds = new ArrayList<>();
        for (String k : shadowKey) {
            String type = copied.stream().filter(c -> c.targetName().equalsIgnoreCase(k)).findFirst().orElseThrow().targetType();
            binds.add(MyKeyTypes.bindExpression(type).orElseThrow(() -> new IllegalArgumentException("unsupported key type " + type)));
        }
        return new MyTablePair(created, old, shadowKey, binds, sourceKey, back, UniqueKey.of(oldIndexes, back, String::equalsIgnoreCase));
    }

    public static MyTablePair of(TableInfo source, MyShadowReading shadow, List<Index> shadowIndexes) {
        List<MappedColumn> copied = shadow.mapping().copied();
        List<String> binds = new ArrayList<>();
        List<String> shadowKey = new ArrayList<>();
        for (String k : source.keyColumns()) {
            Column c = source.column(k).orElseThrow();
            binds.add(MyKeyTypes.bindExpression(c.type()).orElseThrow(
                    () -> new IllegalArgumentException("unsupported key type " + c.type())));
            shadowKey.add(shadow.mapping().targetOf(k));
        }
        List<UniqueKey> uniques = UniqueKey.of(shadowIndexes, copied, String::equalsIgnoreCase);
        return new MyTablePair(source.name(), shadow.table(), source.keyColumns(), binds, shadowKey, copied, uniques);
    }
}
