package dev.osc.engine.pg;

import static dev.osc.engine.pg.PgIdentifiers.quote;

import dev.osc.cutover.BlockingSessions;
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
    /** Tables the action also locks (the parents of the foreign keys the swap adds), locked here first, within the timeout. */
    private java.util.List<TableName> parents = java.util.List.of();
    static final String PARENT_LOCK = "SHARE ROW EXCLUSIVE";

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
        for (TableName parent : parents) {
            // the swap's ADD FOREIGN KEY takes this lock on the parent: waited for now, retriable, before anything is applied
            lockWithin(parent, PARENT_LOCK, Math.max(1, lockTimeout.toMillis()), "the parent ");
        }
    }

    /** Also locks {@code tables} ({@value #PARENT_LOCK}) after the source: the parents of the foreign keys the action adds. */
    public PgWriterHold lockingParents(java.util.List<TableName> tables) {
        this.parents = java.util.List.copyOf(tables);
        return this;
    }

    /** Locks {@code table} in this transaction, waiting at most {@code millis}; a lock not granted is retriable. */
    private void lockWithin(TableName table, String mode, long millis, String label) throws Exception {
        try (Statement st = lockConnection.createStatement()) {
            st.execute("SET LOCAL lock_timeout = '" + millis + "ms'");
            st.execute("LOCK TABLE " + quote(table) + " IN " + mode + " MODE");
        } catch (SQLException e) {
            if (PgErrors.isRetriable(e)) {
                throw new RetriableCutoverException("lock on " + label + table + " not granted within " + millis + " ms", e);
            }
            throw e;
        }
    }

    /** Who holds a lock in the way: on the shadow (when it is locked first) and on the source. */
    @Override
    public BlockingSessions blockers() {
        java.util.Map<TableName, String> modes = new java.util.LinkedHashMap<>();
        if (shadowFirst) {
            modes.put(names.shadow(), "ACCESS EXCLUSIVE");
        }
        modes.put(names.source(), lockMode);
        parents.forEach(parent -> modes.putIfAbsent(parent, PARENT_LOCK));
        return new PgBlockers(lockConnection, modes);
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
