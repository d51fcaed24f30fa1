package dev.osc.engine.mysql;

import static dev.osc.engine.mysql.MyIdentifiers.quote;

import dev.osc.cutover.RetriableCutoverException;
import dev.osc.engine.copy.KeyApplier;
import dev.osc.engine.shadow.WriterHold;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

/**
 * How MySQL/MariaDB holds writers: {@code LOCK TABLES} on source and shadow (and the aliases the
 * applier's statements use, and the sentry for the swap) with a bounded
 * {@code lock_wait_timeout}; the final apply runs on the lock-holding connection. While held: an
 * action (opening the checksum's snapshot, or the two-connection rename of {@link MySwap}).
 */
public final class MyWriterHold implements WriterHold {

    /** What runs while writers are held, after every change was applied. */
    @FunctionalInterface
    public interface LockedAction {
        void run(MyWriterHold hold) throws Exception;
    }

    private final Connection a;
    private final MyRunNames names;
    private final Duration lockTimeout;
    private final KeyApplier holderApplier;
    private final boolean withSentry;
    private final LockedAction action;
    private final Runnable cancel;

    public MyWriterHold(Connection a, MyRunNames names, Duration lockTimeout, KeyApplier holderApplier, boolean withSentry,
                        LockedAction action, Runnable cancel) {
        this.a = a;
        this.names = names;
        this.lockTimeout = lockTimeout;
        this.holderApplier = holderApplier;
        this.withSentry = withSentry;
        this.action = action;
        this.cancel = cancel;
    }

    @Override
    public void lock() throws Exception {
        try (Statement st = a.createStatement()) {
            st.execute("SET SESSION lock_wait_timeout = " + Math.max(1, (lockTimeout.toMillis() + 999) / 1000));
            if (withSentry) {
                st.execute("CREATE TABLE " + quote(names.sentry()) + " (id INT) ENGINE=InnoDB COMMENT = "
                        + MyIdentifiers.literal(names.sentryComment()));
            }
            String src = quote(names.source());
            String shadow = quote(names.shadow());
            st.execute("LOCK TABLES " + src + " WRITE, " + src + " AS s WRITE, " + shadow + " WRITE, " + shadow + " AS t WRITE"
                    + (withSentry ? ", " + quote(names.sentry()) + " WRITE" : ""));
        } catch (SQLException e) {
            if (MyErrors.isRetriable(e)) {
                throw new RetriableCutoverException("lock on " + names.source() + " not granted within "
                        + lockTimeout.toMillis() + " ms", e);
            }
            throw e;
        }
    }

    @Override
    public Connection connection() {
        return a;
    }

    /** Who holds a metadata lock on the source or the shadow, found and ended on connection A once it unlocked. */
    @Override
    public dev.osc.cutover.BlockingSessions blockers() {
        return new MyBlockers(a, names.source(), names.shadow());
    }

    @Override
    public KeyApplier holderApplier() {
        return holderApplier;
    }

    @Override
    public void whileHeld() throws Exception {
        action.run(this);
    }

    @Override
    public void release() throws SQLException {
        unlock();
    }

    @Override
    public void abandon() throws SQLException {
        cancel.run();
        unlock();
        if (withSentry) {
            MySwap.dropSentryIfOurs(a, names);
        }
    }

    /** Commits what the holder applied and lets writers go. */
    void unlock() throws SQLException {
        if (!a.getAutoCommit()) {
            a.commit();
        }
        try (Statement st = a.createStatement()) {
            st.execute("UNLOCK TABLES");
        }
    }
}
