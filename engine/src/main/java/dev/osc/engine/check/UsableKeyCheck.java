package dev.osc.engine.check;

import java.util.List;

/** The shadow path copies by key ranges and re-reads changed rows by key: the table needs one. */
public final class UsableKeyCheck implements Check {
    private final String missing;

    /** {@code missing}: what the dialect says after "table T has no ", e.g. "primary key: osc needs one to copy and apply changes". */
    public UsableKeyCheck(String missing) {
        this.missing = missing;
    }

    @Override
    public String name() {
        return "usable-key";
    }

    @Override
    public CheckPhase phase() {
        return CheckPhase.PLAN;
    }

    @Override
    public List<String> refusals(CheckContext context) {
        return context.table().hasKey() ? List.of() : List.of("table " + context.table().name() + " has no " + missing);
    }
}
