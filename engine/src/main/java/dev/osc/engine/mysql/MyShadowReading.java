package dev.osc.engine.mysql;

import dev.osc.engine.model.Column;
import dev.osc.engine.model.ColumnMapping;
import dev.osc.engine.model.TableName;
import java.util.List;

/**
 * What applying the ALTER to a copy of the source showed: the column mapping, the copy's key,
 * the algorithm the server accepted for it ("instant", "inplace" or "copy") and the
 * source's foreign keys the clause drops (a copy carries none).
 */
public record MyShadowReading(TableName table, ColumnMapping mapping, List<Column> columnsAfter, List<String> keyAfter,
                              String algorithm, List<String> droppedForeignKeys) {
}
