package dev.osc.engine.pg;

import static dev.osc.engine.pg.PgIdentifiers.quote;

import dev.osc.cutover.CutoverSteps;
import dev.osc.cutover.RetriableCutoverException;
import dev.osc.engine.copy.CopyLoop;
import dev.osc.engine.copy.DirtyKeys;
import dev.osc.engine.copy.KeyApplier;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

/**
 * The PostgreSQL statements of a short, checked, write-blocking window on the source: lock with
 * a bounded wait, the sentinel fence, the final apply (on the lock-holding connection when the
 * lock keeps others from reading the source), then an
 * action (the rename swap, or opening the checksum snapshot), then commit. Writers that queued
 * behind the lock proceed after the commit.
 */
public final class PgLockedSteps implements CutoverSteps {

    /** What runs while writers are held, after every change was applied (invariant 5). */
    @FunctionalInterface
    public interface LockedAction {
        void run(Connection lockHolder) throws Exception;
    }

    private final Connection lockConnection;
    private final PgRunNames names;
    private final String lockMode;
    private final Duration lockTimeout;
    private final Duration fenceTimeout;
    private final PgFenceWriter fence;
    private final CopyLoop loop;
    private final KeyApplier catchUpApplier;
    private final KeyApplier finalApplier;
    private final java.util.function.Consumer<String> onRetry;
    private final DirtyKeys dirty;
    private final LockedAction action;

    public PgLockedSteps(Connection lockConnection, PgRunNames names, String lockMode, Duration lockTimeout,
                         Duration fenceTimeout, PgFenceWriter fence, CopyLoop loop, KeyApplier catchUpApplier,
                         KeyApplier finalApplier, DirtyKeys dirty, LockedAction action,
                         java.util.function.Consumer<String> onRetry) {
        this.lockConnection = lockConnection;
        this.names = names;
        this.lockMode = lockMode;
        this.lockTimeout = lockTimeout;
        this.fenceTimeout = fenceTimeout;
        this.fence = fence;
        this.loop = loop;
        this.catchUpApplier = catchUpApplier;
        this.finalApplier = finalApplier;
        this.onRetry = onRetry;
        this.dirty = dirty;
        this.action = action;
    }

    @Override
    public void lock() throws Exception {
        // apply what waits before writers are held, so the final apply under the lock is short
        loop.applyAvailable(catchUpApplier);
        lockConnection.setAutoCommit(false);
        try (Statement st = lockConnection.createStatement()) {
            st.execute("SET LOCAL lock_timeout = '" + Math.max(1, lockTimeout.toMillis()) + "ms'");
            st.execute("LOCK TABLE " + quote(names.source()) + " IN " + lockMode + " MODE");
        } catch (SQLException e) {
            if (PgErrors.isRetriable(e)) {
                String reason = "lock on " + names.source() + " not granted within " + lockTimeout.toMillis() + " ms"
                        + blockers();
                onRetry.accept(reason);
                throw new RetriableCutoverException(reason, e);
            }
            throw e;
        }
    }

    /** Who holds a lock on the source, for the operator (best effort; rolls the failed attempt back first). */
    private String blockers() {
        try {
            lockConnection.rollback();
            try (java.sql.PreparedStatement ps = lockConnection.prepareStatement(
                    "SELECT string_agg(DISTINCT coalesce(nullif(a.backend_type, 'client backend'), 'session') || ' ' || l.pid "
                            + "|| ' (' || l.mode || ')', ', ') FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid "
                            + "WHERE l.relation = CAST(? AS regclass) AND l.granted AND l.pid <> pg_backend_pid()")) {
                ps.setString(1, quote(names.source()));
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
    public void fence() throws Exception {
        if (!fence.writeAndAwait(fenceTimeout)) {
            String reason = "the sentinel did not come back through the change stream within " + fenceTimeout.toMillis() + " ms";
            onRetry.accept(reason);
            throw new RetriableCutoverException(reason);
        }
    }

    @Override
    public void flush() throws Exception {
        loop.applyAll(finalApplier);
    }

    @Override
    public void assertCaughtUp() {
        if (dirty.size() != 0) {
            throw new IllegalStateException(dirty.size() + " changed keys are still waiting after the final apply");
        }
    }

    @Override
    public void swap() throws Exception {
        action.run(lockConnection);
    }

    @Override
    public void commit() throws SQLException {
        lockConnection.commit();
        lockConnection.setAutoCommit(true);
    }

    @Override
    public void rollback() throws SQLException {
        if (!lockConnection.isClosed() && !lockConnection.getAutoCommit()) {
            lockConnection.rollback();
            lockConnection.setAutoCommit(true);
        }
    }
}
