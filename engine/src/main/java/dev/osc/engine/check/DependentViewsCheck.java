package dev.osc.engine.check;

import java.util.List;

/** Views on the table would keep reading the old table after the swap. */
public final class DependentViewsCheck implements Check {
    @Override
    public String name() {
        return "dependent-views";
    }

    @Override
    public CheckPhase phase() {
        return CheckPhase.PLAN;
    }

    @Override
    public List<String> refusals(CheckContext context) {
        List<String> views = context.table().dependentViews();
        return views.isEmpty() ? List.of() : List.of("views depend on the table: " + String.join(", ", views));
    }
}
