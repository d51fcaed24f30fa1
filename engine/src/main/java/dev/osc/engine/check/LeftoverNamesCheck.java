package dev.osc.engine.check;

import java.sql.SQLException;
import java.util.List;

/**
 * Every name the run will create must be free before anything is created: an earlier run that
 * crashed or kept its old table leaves some behind. All that are taken are named in one line.
 */
public abstract class LeftoverNamesCheck implements Check {

    /** What is taken, each labelled for the operator ("table s._t_osc_old"), in the run's order. */
    protected abstract List<String> taken(CheckContext context) throws SQLException;

    @Override
    public final String name() {
        return "leftover-names";
    }

    @Override
    public final CheckPhase phase() {
        return CheckPhase.PLAN;
    }

    @Override
    public final List<String> refusals(CheckContext context) throws SQLException {
        List<String> taken = taken(context);
        if (taken.isEmpty()) {
            return List.of();
        }
        boolean one = taken.size() == 1;
        return List.of(String.join(", ", taken) + (one ? " exists" : " exist") + " (left by an earlier run?): drop or rename "
                + (one ? "it" : "them") + " first");
    }
}
