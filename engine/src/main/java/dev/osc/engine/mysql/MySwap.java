package dev.osc.engine.mysql;

import static dev.osc.engine.mysql.MyIdentifiers.quote;

import dev.osc.cutover.RetriableCutoverException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * gh-ost's two-connection swap, because MariaDB refuses RENAME TABLE under LOCK TABLES.
 * Connection A holds {@code LOCK TABLES t WRITE, shadow WRITE, sentry WRITE}; connection B
 * issues {@code RENAME TABLE t TO sentry, shadow TO t} and, the names sorting after {@code t},
 * queues on {@code t} itself; A sees B waiting, drops the sentry and unlocks; B's exclusive
 * request is granted before the writers queued on {@code t}. If A dies first, the rename fails on
 * the existing sentry and nothing is swapped.
 */
public final class MySwap {
    private final Connection a;
    private final Connection b;
    private final MyRunNames names;
    private CompletableFuture<Void> rename;

    public MySwap(Connection a, Connection b, MyRunNames names) {
        this.a = a;
        this.b = b;
        this.names = names;
    }

    /** Runs while A holds the locks, after the final apply. */
    public void execute(MyWriterHold hold) throws Exception {
        carryAutoIncrement();
        long bId = connectionId(b);
        try (Statement st = b.createStatement()) {
            st.execute("SET SESSION lock_wait_timeout = 30");
        }
        String sql = "RENAME TABLE " + quote(names.source()) + " TO " + quote(names.sentry()) + ", "
                + quote(names.shadow()) + " TO " + quote(names.source());
        rename = CompletableFuture.runAsync(() -> {
            try (Statement st = b.createStatement()) {
                st.execute(sql);
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        });
        awaitWaiting(bId);
        try (Statement st = a.createStatement()) {
            st.execute("DROP TABLE " + quote(names.sentry()));
        }
        hold.unlock();
        try {
            rename.get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw new RetriableCutoverException("the rename failed: " + MyConnector.oneLine(e.getCause()), e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("the rename did not finish within 30 s after the tables were unlocked");
        }
    }

    /** The old table's next AUTO_INCREMENT value carried over, so no id is handed out twice. */
    private void carryAutoIncrement() throws SQLException {
        Long next = null;
        try (PreparedStatement ps = a.prepareStatement(
                "SELECT AUTO_INCREMENT FROM information_schema.TABLES WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ?")) {
            ps.setString(1, names.source().schema());
            ps.setString(2, names.source().name());
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    next = (Long) rs.getObject(1, Long.class);
                }
            }
        }
        if (next != null) {
            try (Statement st = a.createStatement()) {
                st.execute("ALTER TABLE " + quote(names.shadow()) + " AUTO_INCREMENT = " + next);
            }
        }
    }

    private void awaitWaiting(long bId) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            if (rename.isDone()) {
                rename.get();
                throw new IllegalStateException("the rename finished while the tables were locked");
            }
            try (PreparedStatement ps = a.prepareStatement(
                    "SELECT COUNT(*) FROM information_schema.PROCESSLIST WHERE ID = ? AND STATE LIKE '%metadata lock%'")) {
                ps.setLong(1, bId);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    if (rs.getInt(1) > 0) {
                        return;
                    }
                }
            }
            Thread.sleep(1);
        }
        throw new RetriableCutoverException("the rename connection was not seen waiting for the lock within 10 s");
    }

    /** Stops a rename still waiting (rollback path): it must not run once the locks go. */
    public void cancel() {
        if (rename == null || rename.isDone()) {
            return;
        }
        try (Statement st = a.createStatement()) {
            st.execute("KILL QUERY " + connectionId(b));
        } catch (SQLException ignored) {
            // the rename still fails on the sentry, which rollback drops only afterwards
        }
        try {
            rename.get(30, TimeUnit.SECONDS);
        } catch (Exception ignored) {
            // killed, as intended
        }
    }

    private static long connectionId(Connection c) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT CONNECTION_ID()")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** Drops the sentry only if it is this run's (its comment says so): never the renamed old table. */
    /** True when the table under the sentry's name is this run's sentry (its comment says so), not the old table a swap renamed there. */
    static boolean isSentry(Connection c, MyRunNames names) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT TABLE_COMMENT FROM information_schema.TABLES "
                + "WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ?")) {
            ps.setString(1, names.sentry().schema());
            ps.setString(2, names.sentry().name());
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() && names.sentryComment().equals(rs.getString(1));
            }
        }
    }

    static void dropSentryIfOurs(Connection c, MyRunNames names) throws SQLException {
        if (!isSentry(c, names)) {
            return;
        }
        try (Statement st = c.createStatement()) {
            st.execute("DROP TABLE " + quote(names.sentry()));
        }
    }
}
