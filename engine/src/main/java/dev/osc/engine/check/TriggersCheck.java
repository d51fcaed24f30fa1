package dev.osc.engine.check;

import java.util.List;

/** The shadow is created without the table's triggers, so they would be lost by the swap. */
public final class TriggersCheck implements Check {
    @Override
    public String name() {
        return "triggers";
    }

    @Override
    public CheckPhase phase() {
        return CheckPhase.PLAN;
    }

    @Override
    public List<String> refusals(CheckContext context) {
        List<String> triggers = context.table().triggers();
        return triggers.isEmpty() ? List.of()
                : List.of("the table has triggers, which the shadow path does not carry over yet: " + String.join(", ", triggers));
    }
}
