package dev.osc.engine.rows;

/** The three facets a database gives the row mechanisms: statement text, binding, and its rules. */
public record RowDialect(RowStatements statements, KeyBinder binder, RowRules rules) {

    /** Retries of what this database calls retriable, {@link Retries#ATTEMPTS} attempts with {@link Retries#BACKOFF}. */
    public Retries retries(String name) {
        return Retries.of(name, rules::isRetriable);
    }
}
