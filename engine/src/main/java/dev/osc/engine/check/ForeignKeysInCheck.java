package dev.osc.engine.check;

import java.util.List;

/** Foreign keys of other tables pointing at this one would keep pointing at the old table after the swap. */
public final class ForeignKeysInCheck implements Check {
    @Override
    public String name() {
        return "foreign-keys-in";
    }

    @Override
    public CheckPhase phase() {
        return CheckPhase.PLAN;
    }

    @Override
    public List<String> refusals(CheckContext context) {
        List<String> in = context.table().foreignKeysIn();
        return in.isEmpty() ? List.of() : List.of("foreign keys point at the table: " + String.join(", ", in));
    }
}
