package dev.osc.engine.check;

import dev.osc.engine.model.Column;
import dev.osc.engine.model.ColumnMapping;
import java.util.List;

/**
 * What applying the ALTER to the empty probe showed, as the gates read it: how the columns map,
 * the columns and unique keys after (as the shadow names them), the CHECK constraints and
 * collations before and after, whether the clause computes new values ({@code USING}), and the
 * foreign keys it drops.
 */
public record ProbedChange(ColumnMapping mapping, List<Column> columnsAfter, List<List<String>> uniqueAfter,
                           TableConstraints before, TableConstraints after, boolean rewritesValues,
                           List<String> droppedForeignKeys) {
    public ProbedChange {
        columnsAfter = List.copyOf(columnsAfter);
        uniqueAfter = List.copyOf(uniqueAfter);
        droppedForeignKeys = List.copyOf(droppedForeignKeys);
    }
}
