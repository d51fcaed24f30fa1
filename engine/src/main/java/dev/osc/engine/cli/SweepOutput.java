package dev.osc.engine.cli;

import dev.osc.engine.run.LeftoverSweep;
import java.io.PrintStream;

/** How cleanup and abort show their outcome: one JSON object, or their lines. */
final class SweepOutput {
    private SweepOutput() {
    }

    static void print(LeftoverSweep.Outcome outcome, boolean json, PrintStream out) {
        if (json) {
            out.println(outcome.result().toJson());
        } else {
            outcome.lines().forEach(out::println);
        }
    }
}
