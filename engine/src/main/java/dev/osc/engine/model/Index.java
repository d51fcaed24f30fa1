package dev.osc.engine.model;

/**
 * An index of a table. {@code signature} describes its definition without its own or its
 * table's name, so the same index on two tables has the same signature; {@code uniqueColumns}
 * lists the plain columns of a unique, non-partial index (empty when it is not one).
 */
public record Index(String name, boolean primary, boolean unique, String signature,
                    java.util.List<String> uniqueColumns, String constraintName) {
}
