package dev.osc.engine.check;

import java.util.List;

/** What one check said: its name, its phase and its refusals (empty when it passed). */
public record Verdict(String check, CheckPhase phase, List<String> refusals) {
    public Verdict {
        refusals = List.copyOf(refusals);
    }

    public boolean passed() {
        return refusals.isEmpty();
    }
}
