package dev.osc.engine.shadow;

import dev.osc.engine.model.TableName;
import dev.osc.engine.run.OscException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * One run per table: a session-level lock (PostgreSQL advisory lock, MySQL {@code GET_LOCK})
 * keyed by the table's name, held on a dedicated connection for the whole run, never inside a
 * transaction. A second run on the same table is refused at once.
 */
public final class RunLock implements AutoCloseable {

    /** The dialect's non-blocking lock statement: one row, one boolean-like column, true when granted. */
    public interface Sql {
        String tryLock();

        /** The session holding the lock: one row, its server-side id, NULL when free; the key bound as for {@link #tryLock}. */
        String holder();

        /** Binds the lock's key for {@code table}, from parameter 1. */
        void bindKey(PreparedStatement ps, TableName table) throws SQLException;
    }

    /** Opens the lock's own connection. */
    @FunctionalInterface
    public interface Opener {
        Connection open(String role) throws SQLException;
    }

    private final Connection connection;

    private RunLock(Connection connection) {
        this.connection = connection;
    }

    public static RunLock acquire(Opener opener, Sql sql, TableName table) throws SQLException {
        RunLock lock = tryAcquire(opener, sql, table);
        if (lock == null) {
            throw OscException.refused("another osc run is already altering " + table);
        }
        return lock;
    }

    /** The lock, or null at once when another session (a live run) holds it. */
    public static RunLock tryAcquire(Opener opener, Sql sql, TableName table) throws SQLException {
        Connection c = opener.open("osc run lock " + table);
        boolean granted = false;
        try (PreparedStatement ps = c.prepareStatement(sql.tryLock())) {
            sql.bindKey(ps, table);
            try (ResultSet rs = ps.executeQuery()) {
                granted = rs.next() && rs.getBoolean(1);
            }
        } catch (SQLException | RuntimeException e) {
            try {
                c.close();
            } catch (SQLException closing) {
                e.addSuppressed(closing);
            }
            throw e;
        }
        if (!granted) {
            c.close();
            return null;
        }
        return new RunLock(c);
    }

    /** The server-side id of the session holding {@code table}'s run lock, or null when it is free. */
    public static Long holder(Connection c, Sql sql, TableName table) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql.holder())) {
            sql.bindKey(ps, table);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() && rs.getObject(1) != null ? rs.getLong(1) : null;
            }
        }
    }

    @Override
    public void close() {
        try {
            connection.close();
        } catch (SQLException ignored) {
            // closing the session releases the lock either way
        }
    }
}
