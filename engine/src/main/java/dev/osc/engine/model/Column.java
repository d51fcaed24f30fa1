package dev.osc.engine.model;

/**
 * One column as the catalog shows it. {@code position} is the database's stable column number
 * (PostgreSQL's attnum), which survives a rename; {@code type} is the full SQL type text.
 */
public record Column(String name, int position, String type, boolean nullable, boolean identity,
                     boolean generated, boolean hasDefault) {
}
