package dev.osc.engine.scenario;

import static dev.osc.engine.scenario.Checks.databaseUnchanged;
import static dev.osc.engine.scenario.Checks.errContains;
import static dev.osc.engine.scenario.Checks.errorReported;
import static dev.osc.engine.scenario.Checks.noStackTrace;
import static dev.osc.engine.scenario.Checks.sourceUnchanged;

import java.util.ArrayList;
import java.util.List;

/**
 * The expected outcome of a scenario: the exit status, the JSON result's status and strategy
 * (null: not checked) and further checks, run in order.
 */
public record Expect(int exit, String status, String strategy, List<Check> checks) {
    /**
     * A finished shadow run: checksum matched in the first round with no chunk recopied (its
     * repair must not hide an invariant bug), every row copied, a short blocking window.
     */
    public static Expect shadowDone() {
        return new Expect(0, "done", "shadow", List.of(Checks.checksumWithoutRepair(), Checks.rowsCopied(),
                Checks.fieldBetween("cutoverBlockingMs", 0, 5_000), Checks.oldTableAsFlagged()));
    }

    /** A finished run on the direct path. */
    public static Expect directDone() {
        return new Expect(0, "done", "direct", List.of());
    }

    /** A plan with this strategy that changed nothing. */
    public static Expect planned(String strategy) {
        return new Expect(0, null, strategy, List.of(sourceUnchanged()));
    }

    public static Expect dryRun() {
        return new Expect(0, "dry-run", null, List.of(sourceUnchanged()));
    }

    /**
     * A run refused or failed cleanly: this exit status, one error on stderr naming each fragment
     * (no stack trace), an error in the JSON result, the source exactly as it was, and so is every
     * other table of the database.
     */
    public static Expect fails(int exit, String... errFragments) {
        return new Expect(exit, null, null, List.of(noStackTrace(), errorReported(), sourceUnchanged(), databaseUnchanged(),
                errContains(errFragments)));
    }

    /** Only the exit status; the checks say the rest. */
    public static Expect exit(int exit) {
        return new Expect(exit, null, null, List.of());
    }

    public Expect and(Check... more) {
        List<Check> all = new ArrayList<>(checks);
        all.addAll(List.of(more));
        return new Expect(exit, status, strategy, List.copyOf(all));
    }
}
