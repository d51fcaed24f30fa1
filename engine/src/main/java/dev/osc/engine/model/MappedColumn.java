package dev.osc.engine.model;

/**
 * How one column travels from the source table to the shadow: {@code sourceName} null for an
 * added column, {@code targetName} null for a dropped one.
 */
public record MappedColumn(Change change, String sourceName, String targetName, String sourceType,
                           String targetType) {

    /** What the ALTER did to the column. */
    public enum Change { KEPT, RENAMED, RETYPED, RENAMED_AND_RETYPED, ADDED, DROPPED }

    public boolean copied() {
        return sourceName != null && targetName != null;
    }

    /** The same column travelling back, from the new table to the old one (a revert): added and dropped trade places. */
    public MappedColumn reversed() {
        Change back = change == Change.ADDED ? Change.DROPPED : change == Change.DROPPED ? Change.ADDED : change;
        return new MappedColumn(back, targetName, sourceName, targetType, sourceType);
    }

    public boolean retyped() {
        return change == Change.RETYPED || change == Change.RENAMED_AND_RETYPED;
    }
}
