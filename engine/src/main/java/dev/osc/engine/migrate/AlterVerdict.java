package dev.osc.engine.migrate;

import dev.osc.engine.run.ExitStatus;
import dev.osc.engine.run.RunResult;
import java.util.List;

/**
 * An ALTER TABLE's verdict from its plan, the one rule {@code osc check}, {@code osc plan} and
 * migrate's dry run share: refused when a gate trips, or when the shadow path is chosen and
 * something refuses it; online otherwise.
 */
public final class AlterVerdict {
    /** The plan's fields a verdict carries. */
    public static final List<String> FIELDS = List.of("strategy", "reasons", "warnings", "destructive", "refusals", "gates");

    private AlterVerdict() {
    }

    public static boolean refused(RunResult plan) {
        return (plan.get("gates") instanceof List<?> gates && !gates.isEmpty())
                || ("shadow".equals(plan.get("strategy")) && plan.get("refusals") instanceof List<?> refusals && !refusals.isEmpty());
    }

    /** Copies the plan's {@link #FIELDS} into {@code verdict} and adds {@code verdict} and {@code exitStatus}. */
    public static RunResult judge(RunResult plan, RunResult verdict) {
        for (String field : FIELDS) {
            verdict.put(field, plan.get(field));
        }
        boolean refused = refused(plan);
        return verdict.put("verdict", refused ? "refused" : "online")
                .put("exitStatus", (refused ? ExitStatus.REFUSED : ExitStatus.OK).name());
    }
}
