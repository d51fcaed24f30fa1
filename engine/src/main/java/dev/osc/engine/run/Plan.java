package dev.osc.engine.run;

import dev.osc.engine.model.ColumnMapping;
import dev.osc.engine.model.TableInfo;
import java.util.List;

/**
 * The planner's decision: the strategy, why, what the ALTER does to the columns, and what would
 * refuse the shadow path ({@code shadowRefusals}, each a one-line reason), the destructive actions
 * of the ALTER and the gates they trip (which refuse every strategy).
 */
public record Plan(
        TableInfo table,
        ColumnMapping mapping,
        Strategy strategy,
        List<String> reasons,
        List<String> rewriteReasons,
        List<String> shadowRefusals,
        List<String> warnings,
        List<String> destructive,
        List<String> gates) {

    /** The same plan carried out by {@code strategy}, for the reason given first. */
    public Plan carriedOutBy(Strategy strategy, String reason) {
        List<String> why = new java.util.ArrayList<>(List.of(reason));
        why.addAll(reasons);
        return new Plan(table, mapping, strategy, why, rewriteReasons, shadowRefusals, warnings, destructive, gates);
    }

    public RunResult describe(RunResult into) {
        into.put("table", table.name().toString())
                .put("strategy", strategy.name().toLowerCase(java.util.Locale.ROOT))
                .put("reasons", reasons)
                .put("estimatedRows", table.estimatedRows())
                .put("totalBytes", table.totalBytes())
                .put("key", table.keyColumns())
                .put("indexes", table.indexes().stream().map(i -> i.name()).toList())
                .put("foreignKeysOut", table.foreignKeysOut())
                .put("foreignKeysIn", table.foreignKeysIn())
                .put("triggers", table.triggers())
                .put("dependentViews", table.dependentViews())
                .put("partitioned", table.partitioned())
                .put("rewrite", rewriteReasons)
                .put("columns", mapping.changed().stream().map(c -> c.change().name().toLowerCase(java.util.Locale.ROOT) + " "
                        + (c.sourceName() == null ? c.targetName() : c.sourceName())
                        + (c.targetName() != null && c.sourceName() != null && !c.targetName().equals(c.sourceName()) ? " -> " + c.targetName() : "")
                        + (c.retyped() ? " (" + c.sourceType() + " -> " + c.targetType() + ")" : "")).toList())
                .put("refusals", shadowRefusals)
                .put("destructive", destructive)
                .put("gates", gates)
                .put("warnings", warnings);
        return into;
    }
}
