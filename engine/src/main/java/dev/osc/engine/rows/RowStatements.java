package dev.osc.engine.rows;

/**
 * The SQL text the row mechanisms run, rendered once by the dialect from its table pair;
 * running a statement only binds values through the dialect's {@link KeyBinder}. Source rows are
 * aliased {@code s}, shadow rows {@code t}.
 */
public interface RowStatements {
    /** The key {@code OFFSET ?} rows after an optional lower bound. */
    String upperBound(boolean lower);

    /**
     * One chunk copied server side for the first time, rows above the lower and up to the upper
     * bound: a plain insert, as the shadow holds no row in the range (invariant 3: nothing writes
     * the shadow above the committed watermark; a resumed run first deletes what lies above its
     * checkpoint). A row found there fails the insert with a duplicate error.
     */
    String copyChunk(boolean lower, boolean upper);

    /**
     * The same range copied again, after the range was deleted in the same transaction (a
     * checksum mismatch): where the database can, rows already there by key are skipped.
     */
    String recopyChunk(boolean lower, boolean upper);

    /** One row of the shadow in a key range, if there is any ({@code SELECT 1 ... LIMIT 1}). */
    String shadowRowInRange(boolean lower, boolean upper);

    /** Removes a key range from the shadow (before a chunk is copied again). */
    String deleteShadowRange(boolean lower, boolean upper);

    /** Removes the shadow rows of a list of {@code count} keys. */
    String deleteShadowKeys(int count);

    /** Re-reads a list of {@code count} keys from the source into the shadow, optionally only up to a bound. */
    String insertKeys(int count, boolean bounded);

    /** How many unique keys the shadow has besides its primary key. */
    int uniqueKeys();

    /**
     * The keys of shadow rows that hold a value of unique key {@code unique} which the source rows
     * of {@code rows} now give to another key (invariant 8).
     */
    String uniqueConflicts(int unique, RowSelection rows);

    /**
     * Whether {@link #uniqueConflicts} also deletes the rows whose keys it returns (PostgreSQL's
     * {@code DELETE ... RETURNING}); otherwise the repair deletes them by key.
     */
    boolean uniqueConflictsDelete();
}
