package dev.osc.engine.check;

import dev.osc.engine.model.ColumnMapping;
import dev.osc.engine.model.MappedColumn;
import java.util.ArrayList;
import java.util.List;

/**
 * The gate on changes that destroy data or break running code: a dropped column that holds
 * data, a type change that may not keep every value, a renamed column. They run only with
 * {@code --allow-destructive}; an empty table is exempt from the data ones. skeema's
 * {@code --allow-unsafe} and Atlas's destructive-change analyzers are the references.
 */
public final class DestructiveChanges {
    private DestructiveChanges() {
    }

    /** Each destructive action of the ALTER, as a clause an operator recognises. */
    /** {@code rewritesValues}: the clause computes new values (a {@code USING} expression). */
    public static List<String> of(ColumnMapping mapping, TypeWidening widening, boolean tableHasRows, boolean rewritesValues) {
        List<String> out = new ArrayList<>();
        if (rewritesValues && tableHasRows) {
            out.add("rewrites column values with a USING expression");
        }
        for (MappedColumn c : mapping.columns()) {
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
