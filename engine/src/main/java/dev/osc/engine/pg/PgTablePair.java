package dev.osc.engine.pg;

import dev.osc.engine.model.Index;
import dev.osc.engine.model.MappedColumn;
import dev.osc.engine.model.TableInfo;
import dev.osc.engine.model.TableName;
import dev.osc.engine.rows.UniqueKey;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;

/**
 * Source and shadow side by side, as the statement builders need them: the key on both sides
 * (names and SQL types), the copied columns and the shadow's other unique keys.
 *
 * @param sourceKey      source key column names, in key order
 * @param sourceKeyTypes their SQL types (from the catalog)
 * @param shadowKey      the same columns' names in the shadow
 * @param shadowKeyTypes their SQL types in the shadow
 * @param copied         columns copied from source to shadow
 * @param identityInShadow whether the shadow has identity columns (inserts must override them)
 * @param shadowUniqueKeys the shadow's other unique keys, each as source-side column expressions
 *                       paired with the shadow's column names, for the conflict rule
 */
public record PgTablePair(
        TableName source,
        TableName shadow,
        List<String> sourceKey,
        List<String> sourceKeyTypes,
        List<String> shadowKey,
        List<String> shadowKeyTypes,
        List<MappedColumn> copied,
        boolean identityInShadow,
        List<UniqueKey> shadowUniqueKeys) {

    public PgTablePair {
        if (sourceKey.isEmpty() || sourceKey.size() != shadowKey.size() || sourceKey.size() != sourceKeyTypes.size()
                || shadowKey.size() != shadowKeyTypes.size()) {
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
    public PgTablePair reversed(TableName created, TableName old, List<Index> oldIndexes, boolean identityInOld) {
        List<MappedColumn> back = copied.stream().map(MappedColumn::reversed).toList();
        List<UniqueKey> uniques = new ArrayList<>(UniqueKey.of(oldIndexes, back, String::equals));
        uniques.removeIf(u -> new HashSet<>(u.shadowColumns()).equals(new HashSet<>(sourceKey)));
        return new PgTablePair(created, old, shadowKey, shadowKeyTypes, sourceKey, sourceKeyTypes, back, identityInOld, uniques);
    }

    /** Pairs the source with the shadow that {@code shadow} describes, given the shadow's indexes. */
    public static PgTablePair of(TableInfo source, ShadowReading shadow, List<Index> shadowIndexes) {
        List<MappedColumn> copied = shadow.mapping().copied();
        List<String> sourceKeyTypes = new ArrayList<>();
        List<String> shadowKey = new ArrayList<>();
        List<String> shadowKeyTypes = new ArrayList<>();
        for (String k : source.keyColumns()) {
            sourceKeyTypes.add(source.column(k).orElseThrow().type());
            shadowKey.add(shadow.mapping().targetOf(k));
            shadowKeyTypes.add(shadow.mapping().targetTypeOf(k));
        }
        List<UniqueKey> uniques = new ArrayList<>(UniqueKey.of(shadowIndexes, copied, String::equals));
        // the key's own index (a replica identity index is not primary) cannot hold another key's value
        uniques.removeIf(u -> new HashSet<>(u.shadowColumns()).equals(new HashSet<>(shadowKey)));
        boolean identity = shadow.columnsAfter().stream().anyMatch(c -> c.identity());
        return new PgTablePair(source.name(), shadow.table(), source.keyColumns(), sourceKeyTypes, shadowKey, shadowKeyTypes,
                copied, identity, uniques);
    }
}
