package dev.osc.cutover;

import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A session that holds a lock a cut-over attempt waited for, as the database's dialect found it.
 *
 * @param id             the server's id for the session (PostgreSQL pid, MySQL/MariaDB connection id)
 * @param user           who it is connected as
 * @param state          what it does now ({@code idle in transaction}, {@code Sleep}, ...)
 * @param transactionAge how long its transaction has been open; null when unknown
 * @param query          its current or last statement (cut short here)
 * @param terminable     whether osc may end it: a client session known to hold the lock, never one of osc's own
 * @param yields         whether it is server work that gives way to a lock request waiting on it (PostgreSQL's
 *                       autovacuum, unless it runs to prevent wraparound): the server cancels it only for a request
 *                       that waits longer than osc's short lock timeout, so osc cancels it itself, whatever the policy
 */
public record BlockingSession(long id, String user, String state, Duration transactionAge, String query, boolean terminable,
                              boolean yields) {
    static final int QUERY_CHARS = 200;

    public BlockingSession {
        query = shorten(query);
    }

    /** A session that does not give way by itself. */
    public BlockingSession(long id, String user, String state, Duration transactionAge, String query, boolean terminable) {
        this(id, user, state, transactionAge, query, terminable, false);
    }

    /**
     * Whether this session may have kept the lock away for all of the last {@code attempt}: its
     * transaction is at least that old, or its age is unknown. A writer whose short transaction
     * happened to be open when the blockers were read is not one.
     */
    boolean heldThrough(Duration attempt) {
        return transactionAge == null || transactionAge.compareTo(attempt) >= 0;
    }

    /** Ended only when the dialect allows it and its transaction is known to have outlasted the attempt. */
    boolean mayEnd() {
        return terminable && transactionAge != null;
    }

    /** {@code session 123 (user app, idle in transaction, transaction open 12 s): SELECT ...} */
    public String describe() {
        StringBuilder s = new StringBuilder("session ").append(id).append(" (user ").append(user == null ? "?" : user);
        if (state != null && !state.isBlank()) {
            s.append(", ").append(state);
        }
        if (transactionAge != null) {
            s.append(", transaction open ").append(age(transactionAge));
        }
        s.append(')');
        if (!query.isEmpty()) {
            s.append(": ").append(query);
        }
        return s.toString();
    }

    /** Every session described, joined by {@code "; "}. */
    public static String describe(List<BlockingSession> sessions) {
        return sessions.stream().map(BlockingSession::describe).collect(Collectors.joining("; "));
    }

    private static String age(Duration d) {
        return d.toMillis() < 10_000 ? d.toMillis() + " ms" : d.toSeconds() + " s";
    }

    /** One line, at most {@link #QUERY_CHARS} characters. */
    private static String shorten(String query) {
        if (query == null) {
            return "";
        }
        String line = query.strip().replaceAll("\\s+", " ");
        return line.length() <= QUERY_CHARS ? line : line.substring(0, QUERY_CHARS - 3) + "...";
    }
}
