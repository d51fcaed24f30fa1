package dev.osc.engine.check;

import java.util.Map;
import java.util.Set;

/**
 * What the gates compare before and after an ALTER besides columns and unique keys: the CHECK
 * constraints (name to expression, and which of them are not validated yet: those promise nothing
 * about existing rows) and each column's collation (absent for types without one).
 */
public record TableConstraints(Map<String, String> checks, Set<String> notValidated, Map<String, String> collations) {
    public TableConstraints {
        checks = Map.copyOf(checks);
        notValidated = Set.copyOf(notValidated);
        collations = Map.copyOf(collations);
    }

    /** The CHECK constraints here that {@code before} did not have (by name and expression) and that existing rows must satisfy. */
    public Map<String, String> checksAddedSince(TableConstraints before) {
        Map<String, String> out = new java.util.LinkedHashMap<>();
        checks.forEach((name, expression) -> {
            if (!expression.equals(before.checks.get(name)) && !notValidated.contains(name)) {
                out.put(name, expression);
            }
        });
        return out;
    }
}
