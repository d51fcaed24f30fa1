package dev.osc.engine.mysql;

import java.sql.SQLException;

/** MySQL/MariaDB errors by server error number (never by message text). */
public final class MyErrors {
    public static final int DUPLICATE_KEY = 1062;
    public static final int LOCK_WAIT_TIMEOUT = 1205;
    public static final int DEADLOCK = 1213;
    public static final int ALGORITHM_NOT_SUPPORTED = 1845;
    public static final int ALGORITHM_NOT_SUPPORTED_REASON = 1846;
    public static final int ACCESS_DENIED = 1045;
    public static final int DB_ACCESS_DENIED = 1044;
    public static final int UNKNOWN_DATABASE = 1049;
    public static final int NO_SUCH_TABLE = 1146;
    /** KILL of a connection that is gone already. */
    public static final int NO_SUCH_THREAD = 1094;
    public static final int TABLE_EXISTS = 1050;

    private MyErrors() {
    }

    public static boolean is(SQLException e, int code) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException s && s.getErrorCode() == code) {
                return true;
            }
        }
        return false;
    }

    /** Lock wait timeouts and deadlocks: the statement may succeed if retried. */
    public static boolean isRetriable(Throwable e) {
        return e instanceof SQLException s && (is(s, LOCK_WAIT_TIMEOUT) || is(s, DEADLOCK));
    }

    public static boolean isAlgorithmRefused(SQLException e) {
        return is(e, ALGORITHM_NOT_SUPPORTED) || is(e, ALGORITHM_NOT_SUPPORTED_REASON);
    }

    /** Refused, unknown host, bad credentials, unknown database: the operator must fix the URL. */
    public static boolean isConnectionProblem(SQLException e) {
        String state = e.getSQLState();
        return (state != null && state.startsWith("08")) || is(e, ACCESS_DENIED) || is(e, DB_ACCESS_DENIED)
                || is(e, UNKNOWN_DATABASE);
    }

    /** Data truncated for a column (its SQLSTATE is a warning's, 01000). */
    public static final int DATA_TRUNCATED = 1265;
    /** Incorrect value for a column's type (SQLSTATE HY000 or 22007). */
    public static final int INCORRECT_VALUE = 1366;

    /**
     * The data cannot take the change: class 22 (out of range, too long, bad value), class 23
     * (duplicate, NULL, CHECK or foreign key violation), and the truncations reported otherwise.
     * Raised by a statement the probe accepted, it comes from the rows, not the clause.
     */
    public static boolean isDataError(SQLException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException s && ((s.getSQLState() != null
                    && (s.getSQLState().startsWith("22") || s.getSQLState().startsWith("23")))
                    || s.getErrorCode() == DATA_TRUNCATED || s.getErrorCode() == INCORRECT_VALUE)) {
                return true;
            }
        }
        return false;
    }

    /** Errors in what the user wrote: syntax (42xxx), bad values (22xxx), unsupported (0A), constraints (23xxx). */
    public static boolean isUserError(SQLException e) {
        String state = e.getSQLState();
        return state != null && (state.startsWith("42") || state.startsWith("22") || state.startsWith("0A")
                || state.startsWith("23") || state.startsWith("HY"));
    }
}
