package dev.osc.engine.rows;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/** How a database differs for the row mechanisms beyond SQL text: sessions, visibility, errors. */
public interface RowRules {
    /** Sets up a connection the copier or an applier owns: manual commit and the session's isolation or lock wait. */
    void prepare(Connection c) throws SQLException;

    /**
     * Invariant 7: true when every transaction in {@code txIds} is visible to the current
     * transaction of {@code c} (a database whose reads lock, waiting for writers, answers true).
     */
    boolean visible(Connection c, List<Long> txIds) throws SQLException;

    /** Whether a failed statement aborts the whole transaction (then inserts run inside a savepoint). */
    boolean failureAbortsTransaction();

    /** A duplicate value on a unique key. */
    boolean isDuplicate(SQLException e);

    /** The data cannot take the change: a value out of range or too long, a violated constraint, a duplicate. */
    boolean isDataError(SQLException e);

    /** Deadlocks, lock waits and the like: the unit of work may succeed if run again. */
    boolean isRetriable(Throwable e);
}
