package dev.osc.cdc;

import java.util.List;

/**
 * The key of one changed row as the change stream saw it: which table, the key values as text
 * (in key-column order; a value is null only for a NULL key part), the writing transaction's id
 * (0 when the stream does not know it) and the commit time at the source.
 */
public record ChangedKey(String schema, String table, List<String> key, long txId, long commitMillis) {
    public ChangedKey {
        key = java.util.Collections.unmodifiableList(new java.util.ArrayList<>(key));
    }

    public boolean isFor(String schemaName, String tableName) {
        return schema.equals(schemaName) && table.equals(tableName);
    }
}
