package dev.osc.engine.script;

import java.util.List;

/**
 * The user's ALTER clause as it is applied to a copy of the table (the planner's probe, the
 * shadow): the copy's own constraint names in place of the source's, and without the actions
 * that drop a foreign key, which a copy does not carry ({@code droppedForeignKeys} names them;
 * the swap leaves them off the new table). {@code text} is empty when nothing else is left.
 */
public record CopyClause(String text, List<String> droppedForeignKeys) {
    public CopyClause {
        droppedForeignKeys = List.copyOf(droppedForeignKeys);
    }

    public boolean isEmpty() {
        return text.isBlank();
    }
}
