package dev.osc.engine.pg;

import dev.osc.engine.model.Column;
import dev.osc.engine.model.ColumnMapping;
import dev.osc.engine.model.TableName;
import java.util.List;
import java.util.Map;

/**
 * What applying the ALTER to a fresh copy of the source showed: the column mapping, the shadow's
 * key, which source index became which copy index, and the reasons the same ALTER would scan or
 * rewrite the real table.
 */
public record ShadowReading(
        TableName table,
        long oid,
        ColumnMapping mapping,
        List<Column> columnsAfter,
        List<String> keyAfter,
        Map<String, String> indexNames,
        List<String> rewriteReasons,
        /* the swap's ALTER TABLE actions that give back the autovacuum settings osc turned off while filling */
        String autovacuumRestore,
        /* the source's foreign keys the clause drops: the swap does not move them to the new table */
        List<String> droppedForeignKeys) {

    public boolean rewrites() {
        return !rewriteReasons.isEmpty();
    }
}
