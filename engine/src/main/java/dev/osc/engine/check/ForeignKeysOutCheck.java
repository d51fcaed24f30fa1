package dev.osc.engine.check;

import java.util.List;

/** The table's own foreign keys, for a dialect whose shadow does not carry them over. */
public final class ForeignKeysOutCheck implements Check {
    @Override
    public String name() {
        return "foreign-keys-out";
    }

    @Override
    public CheckPhase phase() {
        return CheckPhase.PLAN;
    }

    @Override
    public List<String> refusals(CheckContext context) {
        List<String> out = context.table().foreignKeysOut();
        return out.isEmpty() ? List.of()
                : List.of("the table has foreign keys, which the shadow path does not carry over yet: " + String.join(", ", out));
    }
}
