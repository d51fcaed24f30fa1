package dev.osc.engine.check;

import java.util.Optional;

/** Whether a column type change keeps every value the old type can hold (the dialect knows its types). */
public interface TypeWidening {
    boolean widens(String from, String to);

    /**
     * An SQL condition on {@code column} (quoted) that is true for the values the type {@code to} cannot
     * hold, when the dialect can write one for this change (integer ranges, string lengths, decimal
     * digits); such values are looked for before anything is copied.
     */
    default Optional<String> unfit(String column, String from, String to) {
        return Optional.empty();
    }
}
