package dev.osc.engine.check;

import dev.osc.engine.model.Index;
import dev.osc.engine.model.MappedColumn;
import dev.osc.engine.model.TableInfo;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The gate on changes that destroy data or break running code: a dropped column that holds
 * data, a type change that may not keep every value, a collation change of a unique column, a
 * renamed column, a dropped unique key or CHECK constraint. They run only with
 * {@code --allow-destructive}; an empty table is exempt from the ones that destroy data (code may
 * rely on a name or a constraint whatever the table holds). skeema's {@code --allow-unsafe} and
 * Atlas's destructive-change analyzers are the references.
 */
public final class DestructiveChanges {
    private DestructiveChanges() {
    }

    /** Each destructive action of the ALTER, as a clause an operator recognises. */
    public static List<String> of(TableInfo table, ProbedChange change, TypeWidening widening, boolean tableHasRows) {
        List<String> out = new ArrayList<>();
        if (change.rewritesValues() && tableHasRows) {
            out.add("rewrites column values with a USING expression");
        }
        for (MappedColumn c : change.mapping().columns()) {
            if (c.change() == MappedColumn.Change.DROPPED && tableHasRows) {
                out.add("drops column " + c.sourceName() + " and its data");
            }
            if (c.retyped() && tableHasRows && !widening.widens(c.sourceType(), c.targetType())) {
                out.add("changes column " + c.sourceName() + " from " + c.sourceType() + " to " + c.targetType()
                        + ", which may not hold every value");
            }
            if (c.copied() && !c.sourceName().equals(c.targetName())) {
                out.add("renames column " + c.sourceName() + " to " + c.targetName() + " (code that names it breaks)");
            }
        }
        if (tableHasRows) {
            out.addAll(uniqueCollationChanges(change));
        }
        out.addAll(droppedUniqueKeys(table, change));
        for (String foreignKey : change.droppedForeignKeys()) {
            out.add("drops foreign key " + foreignKey + " (code may rely on it)");
        }
        for (String check : change.before().checks().keySet()) {
            if (!change.after().checks().containsKey(check)) {
                out.add("drops CHECK constraint " + check + " (code may rely on it)");
            }
        }
        return out;
    }

    /** A unique key of the source whose columns survive but are no longer unique together. */
    private static List<String> droppedUniqueKeys(TableInfo table, ProbedChange change) {
        Set<Set<String>> after = new HashSet<>();
        change.uniqueAfter().forEach(u -> after.add(Set.copyOf(u)));
        List<String> out = new ArrayList<>();
        for (Index index : table.indexes()) {
            if (index.uniqueColumns().isEmpty()) {
                continue;
            }
            List<String> mapped = index.uniqueColumns().stream().map(change.mapping()::targetOf).toList();
            if (mapped.stream().allMatch(Objects::nonNull) && !after.contains(Set.copyOf(mapped))) {
                out.add("drops " + (index.primary() ? "the primary key" : "unique key " + index.name())
                        + " (" + String.join(", ", index.uniqueColumns()) + "): duplicates become possible");
            }
        }
        return out;
    }

    /** Two values that a unique key told apart may collide under another collation (or collide no longer). */
    private static List<String> uniqueCollationChanges(ProbedChange change) {
        List<String> out = new ArrayList<>();
        Set<String> reported = new HashSet<>();
        for (List<String> unique : change.uniqueAfter()) {
            for (String target : unique) {
                String source = change.mapping().copied().stream().filter(m -> m.targetName().equals(target))
                        .map(MappedColumn::sourceName).findFirst().orElse(null);
                String was = source == null ? null : change.before().collations().get(source);
                String now = change.after().collations().get(target);
                if (was != null && now != null && !was.equals(now) && reported.add(target)) {
                    out.add("changes the collation of unique column " + source + " from " + was + " to " + now
                            + " (values it told apart may collide)");
                }
            }
        }
        return out;
    }

    /** The refusal when destructive actions are not allowed; empty when there are none or they are. */
    public static List<String> gate(List<String> destructive, boolean allowed) {
        if (destructive.isEmpty() || allowed) {
            return List.of();
        }
        return List.of("the ALTER is destructive: " + String.join("; ", destructive)
                + "; add --allow-destructive to run it");
    }
}
