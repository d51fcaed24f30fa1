package dev.osc.engine.pg;

import java.sql.SQLException;

/** PostgreSQL error classes by SQLSTATE (never by message text). */
public final class PgErrors {
    public static final String LOCK_NOT_AVAILABLE = "55P03";
    public static final String UNIQUE_VIOLATION = "23505";
    public static final String SERIALIZATION_FAILURE = "40001";
    public static final String DEADLOCK_DETECTED = "40P01";
    public static final String INVALID_PASSWORD = "28P01";
    public static final String INVALID_AUTHORIZATION = "28000";
    public static final String INVALID_CATALOG = "3D000";
    public static final String ADMIN_SHUTDOWN = "57P01";

    private PgErrors() {
    }

    public static boolean is(SQLException e, String state) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException s && state.equals(s.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    /** Lock timeouts, deadlocks and serialization failures: the statement may succeed if retried. */
    public static boolean isRetriable(Throwable e) {
        return e instanceof SQLException s
                && (is(s, LOCK_NOT_AVAILABLE) || is(s, DEADLOCK_DETECTED) || is(s, SERIALIZATION_FAILURE));
    }

    /** Connection-level problems the operator must fix: refused, unknown host, bad credentials. */
    public static boolean isConnectionProblem(SQLException e) {
        String state = e.getSQLState();
        return state != null && (state.startsWith("08") || state.startsWith("28") || state.equals(INVALID_CATALOG));
    }

    /**
     * The data cannot take the change (class 22, data exception; class 23, integrity constraint
     * violation). Raised by a statement the probe accepted, it comes from the rows, not the clause.
     */
    public static boolean isDataError(SQLException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException s && s.getSQLState() != null
                    && (s.getSQLState().startsWith("22") || s.getSQLState().startsWith("23"))) {
                return true;
            }
        }
        return false;
    }

    /** Errors in what the user wrote: syntax, undefined objects, bad values, not supported. */
    public static boolean isUserError(SQLException e) {
        String state = e.getSQLState();
        return state != null && (state.startsWith("42") || state.startsWith("22") || state.startsWith("0A")
                || state.startsWith("23") || state.startsWith("2B") || state.startsWith("44"));
    }
}
