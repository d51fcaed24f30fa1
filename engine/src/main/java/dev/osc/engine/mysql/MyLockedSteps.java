package dev.osc.engine.mysql;

import static dev.osc.engine.mysql.MyIdentifiers.quote;

import dev.osc.engine.copy.KeyApplier;
import dev.osc.engine.shadow.LockedContext;
import dev.osc.engine.shadow.LockedWindow;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * A short write-blocking window on MySQL/MariaDB: {@code LOCK TABLES} on source and shadow (and
 * the aliases the applier's statements use) with a bounded {@code lock_wait_timeout}, the
 * sentinel fence, the final apply on the lock-holding connection, then an action: opening the
 * checksum's snapshot, or the two-connection rename of {@link MySwap}.
 */
public final class MyLockedSteps extends LockedWindow {

    /** What runs while writers are held, after every change was applied. */
    @FunctionalInterface
    public interface LockedAction {
        void run() throws Exception;
    }

    private final MyRunNames names;
    private final boolean withSentry;
    private final LockedAction action;
    private final Runnable release;

    public MyLockedSteps(LockedContext context, MyRunNames names, KeyApplier lockHolderApplier, boolean withSentry,
                         LockedAction action, Runnable release) {
        super(context, lockHolderApplier);
        this.names = names;
        this.withSentry = withSentry;
        this.action = action;
        this.release = release;
    }

    @Override
    public void lock() throws Exception {
        catchUpBeforeLock();
        Connection a = context.lockConnection();
        try (Statement st = a.createStatement()) {
            st.execute("SET SESSION lock_wait_timeout = " + Math.max(1, (context.lockTimeout().toMillis() + 999) / 1000));
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
                throw retry("lock on " + names.source() + " not granted within " + context.lockTimeout().toMillis() + " ms", e);
            }
            throw e;
        }
    }

    @Override
    public void swap() throws Exception {
        action.run();
    }

    @Override
    public void commit() throws SQLException {
        unlock();
    }

    @Override
    public void rollback() throws SQLException {
        release.run();
        unlock();
        if (withSentry) {
            MySwap.dropSentryIfOurs(context.lockConnection(), names);
        }
    }

    void unlock() throws SQLException {
        Connection a = context.lockConnection();
        if (!a.getAutoCommit()) {
            a.commit();
        }
        try (Statement st = a.createStatement()) {
            st.execute("UNLOCK TABLES");
        }
    }
}
