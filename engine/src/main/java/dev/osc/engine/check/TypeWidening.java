package dev.osc.engine.check;

/** Whether a column type change keeps every value the old type can hold (the dialect knows its types). */
@FunctionalInterface
public interface TypeWidening {
    boolean widens(String from, String to);
}
