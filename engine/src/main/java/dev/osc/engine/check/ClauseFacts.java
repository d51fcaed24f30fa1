package dev.osc.engine.check;

/**
 * What the dialect's parser learned about the ALTER clause: its text and whether it converts a
 * column with an explicit {@code USING} expression.
 */
public record ClauseFacts(String text, boolean usingExpression) {
}
