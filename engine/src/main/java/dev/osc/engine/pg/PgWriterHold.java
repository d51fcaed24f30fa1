package dev.osc.engine.pg;

import static dev.osc.engine.pg.PgIdentifiers.quote;

import dev.osc.cutover.RetriableCutoverException;
import dev.osc.engine.copy.KeyApplier;
import dev.osc.engine.model.TableName;
import dev.osc.engine.shadow.WriterHold;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * How PostgreSQL holds writers: {@code LOCK TABLE} in a transaction with a bounded
 * {@code lock_timeout}, an action while they are held (the rename swap, or opening the checksum
 * snapshot), then commit. Writers that queued behind the lock proceed after the commit.
 */
public final class PgWriterHold implements WriterHold {

    /** What runs while writers are held, after every change was applied (invariant 5). */
    @FunctionalInterface
    public interface LockedAction {
        void run(Connection lockHolder) throws Exception;
    }

    private final Connection lockConnection;
    private final PgRunNames names;
    private final String lockMode;
    private final java.time.Duration lockTimeout;
    private final KeyApplier holderApplier;
    private final boolean holderCommits;
    private final LockedAction action;
    private final boolean shadowFirst;

    /**
     * How long the swap waits for the shadow's own lock. Writers are not held during that wait (it
     * comes before the source's lock), and it outlasts the server's deadlock_timeout (1 s by
     * default), after which PostgreSQL cancels an autovacuum that is in the way (not one run to
     * prevent transaction ID wraparound: that one must finish).
     */
    static final java.time.Duration SHADOW_LOCK_WAIT = java.time.Duration.ofSeconds(5);

    /**
     * {@code holderApplier} runs the final apply: on the lock connection when the lock keeps other
     * sessions from reading the source (ACCESS EXCLUSIVE), else any committing applier. With
     * {@code shadowFirst}, the shadow is locked (ACCESS EXCLUSIVE) before the source, as the swap needs.
     */
    public PgWriterHold(Connection lockConnection, PgRunNames names, String lockMode, java.time.Duration lockTimeout,
                        KeyApplier holderApplier, boolean holderCommits, LockedAction action, boolean shadowFirst) {
        this.holderCommits = holderCommits;
        this.lockConnection = lockConnection;
        this.names = names;
        this.lockMode = lockMode;
        this.lockTimeout = lockTimeout;
        this.holderApplier = holderApplier;
        this.action = action;
        this.shadowFirst = shadowFirst;
    }

    @Override
    public Connection connection() {
        return lockConnection;
    }

    @Override
    public KeyApplier holderApplier() {
        return holderApplier;
    }

    @Override
    public boolean holderCommits() {
        return holderCommits;
    }

    @Override
    public void lock() throws Exception {
        lockConnection.setAutoCommit(false);
        if (shadowFirst) {
            long asked = System.nanoTime();
            lockWithin(names.shadow(), "ACCESS EXCLUSIVE", SHADOW_LOCK_WAIT.toMillis(), "the shadow ");
            long waitedMillis = (System.nanoTime() - asked) / 1_000_000;
            if (waitedMillis > lockTimeout.toMillis()) {
                // changes piled up meanwhile; applying them under the source's lock would hold writers
                // that long: let go, and the next attempt catches up first
                throw new RetriableCutoverException("the shadow " + names.shadow() + " was busy for " + waitedMillis + " ms; catching up again", null);
            }
        }
        lockWithin(names.source(), lockMode, Math.max(1, lockTimeout.toMillis()), "");
    }

    /** Locks {@code table} in this transaction, waiting at most {@code millis}; a lock not granted is retriable. */
    private void lockWithin(TableName table, String mode, long millis, String label) throws Exception {
        try (Statement st = lockConnection.createStatement()) {
            st.execute("SET LOCAL lock_timeout = '" + millis + "ms'");
            st.execute("LOCK TABLE " + quote(table) + " IN " + mode + " MODE");
        } catch (SQLException e) {
            if (PgErrors.isRetriable(e)) {
                throw new RetriableCutoverException("lock on " + label + table + " not granted within " + millis + " ms" + blockers(table), e);
            }
            throw e;
        }
    }

    /** Who holds a lock on {@code table}, for the operator (best effort; rolls the failed attempt back first). */
    private String blockers(TableName table) {
        try {
            lockConnection.rollback();
            try (java.sql.PreparedStatement ps = lockConnection.prepareStatement(
                    "SELECT string_agg(DISTINCT coalesce(nullif(a.backend_type, 'client backend'), 'session') || ' ' || l.pid "
                            + "|| ' (' || l.mode || ')', ', ') FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid "
                            + "WHERE l.relation = CAST(? AS regclass) AND l.granted AND l.pid <> pg_backend_pid()")) {
                ps.setString(1, quote(table));
                try (java.sql.ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    String who = rs.getString(1);
                    lockConnection.commit();
                    return who == null ? "" : "; held by " + who;
                }
            }
        } catch (SQLException e) {
            return "";
        }
    }

    @Override
    public void whileHeld() throws Exception {
        action.run(lockConnection);
    }

    @Override
    public void release() throws SQLException {
        lockConnection.commit();
        lockConnection.setAutoCommit(true);
    }

    @Override
    public void abandon() throws SQLException {
        if (!lockConnection.isClosed() && !lockConnection.getAutoCommit()) {
            lockConnection.rollback();
            lockConnection.setAutoCommit(true);
        }
    }
}
