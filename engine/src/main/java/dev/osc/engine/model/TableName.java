package dev.osc.engine.model;

import java.util.Objects;

/** A schema-qualified table name, unquoted (exactly as stored in the catalog). */
public record TableName(String schema, String name) {
    public TableName {
        Objects.requireNonNull(schema, "schema");
        Objects.requireNonNull(name, "name");
    }

    @Override
    public String toString() {
        return schema + "." + name;
    }
}
