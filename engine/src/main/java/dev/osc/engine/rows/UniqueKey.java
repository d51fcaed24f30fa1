package dev.osc.engine.rows;

import dev.osc.engine.model.Index;
import dev.osc.engine.model.MappedColumn;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiPredicate;

/**
 * One unique key of the shadow other than its primary key, with the copied source columns
 * behind it: what the unique-conflict repair matches on (invariant 8).
 */
public record UniqueKey(Index index, List<String> shadowColumns, List<MappedColumn> sourceColumns) {

    /**
     * The shadow's other unique keys whose every column is copied from the source;
     * {@code sameName} compares column names as the database does.
     */
    public static List<UniqueKey> of(List<Index> shadowIndexes, List<MappedColumn> copied, BiPredicate<String, String> sameName) {
        List<UniqueKey> uniques = new ArrayList<>();
        for (Index index : shadowIndexes) {
            if (index.primary() || index.uniqueColumns().isEmpty()) {
                continue;
            }
            List<MappedColumn> sources = new ArrayList<>();
            for (String col : index.uniqueColumns()) {
                copied.stream().filter(c -> sameName.test(c.targetName(), col)).findFirst().ifPresent(sources::add);
            }
            if (sources.size() == index.uniqueColumns().size()) {
                uniques.add(new UniqueKey(index, index.uniqueColumns(), sources));
            }
        }
        return uniques;
    }
}
