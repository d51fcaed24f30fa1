package dev.osc.engine.rows;

/** The three facets a database gives the row mechanisms: statement text, binding, and its rules. */
public record RowDialect(RowStatements statements, KeyBinder binder, RowRules rules) {
}
