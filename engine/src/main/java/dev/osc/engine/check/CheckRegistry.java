package dev.osc.engine.check;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** An ordered list of checks; each phase runs its own checks in list order. */
public final class CheckRegistry {
    private final List<Check> checks;

    public CheckRegistry(List<Check> checks) {
        this.checks = List.copyOf(checks);
    }

    public List<Check> checks() {
        return checks;
    }

    /** Every verdict of the phase's checks, in the registry's order, passed ones included. */
    public List<Verdict> run(CheckPhase phase, CheckContext context) throws SQLException {
        List<Verdict> out = new ArrayList<>();
        for (Check check : checks) {
            if (check.phase() == phase) {
                out.add(new Verdict(check.name(), phase, check.refusals(context)));
            }
        }
        return out;
    }

    /** The refusals of the phase's checks, in order. */
    public List<String> refusals(CheckPhase phase, CheckContext context) throws SQLException {
        return run(phase, context).stream().flatMap(v -> v.refusals().stream()).toList();
    }
}
