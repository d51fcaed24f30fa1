package dev.osc.engine.run;

/**
 * The table already has the shape the ALTER gives: the database rejects the clause on the table as
 * it is (a column it adds exists, say), and the old table a completed osc run kept, altered the same
 * way, gives exactly the table's columns. Re-running a completed command is then a no-op (exit 0).
 */
public final class AlreadyAltered extends RuntimeException {
    public AlreadyAltered(String message) {
        super(message);
    }
}
