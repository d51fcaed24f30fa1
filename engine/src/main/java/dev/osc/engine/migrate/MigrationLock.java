package dev.osc.engine.migrate;

import dev.osc.engine.run.Connector;
import dev.osc.engine.run.OscException;
import dev.osc.throttling.Sleeper;
import java.io.PrintStream;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;

/**
 * One migrate at a time per database: a session-level lock (PostgreSQL advisory lock, MySQL
 * {@code GET_LOCK}) on a connection of its own, in autocommit, never inside a transaction (so a
 * {@code CREATE INDEX CONCURRENTLY} cannot wait on it), tried again every {@link #POLL} until
 * {@code wait} is over. Closing the connection releases it, also when the process dies.
 */
public final class MigrationLock implements AutoCloseable {
    static final Duration POLL = Duration.ofMillis(200);

    private final Connection connection;

    private MigrationLock(Connection connection) {
        this.connection = connection;
    }

    /** The lock; refused (exit 3) when another migrate holds it after {@code wait} (at once when {@code wait} is zero). */
    public static MigrationLock acquire(Connector connector, MigrationDialect dialect, Duration wait, Clock clock, Sleeper sleeper,
                                        PrintStream log) throws SQLException {
        Connection c = connector.openChecked("osc migrate lock");
        try {
            c.setAutoCommit(true);
            long deadline = clock.millis() + wait.toMillis();
            boolean told = false;
            while (!granted(c, dialect)) {
                long left = deadline - clock.millis();
                if (left <= 0) {
                    throw OscException.refused("another osc migrate holds this database's migrate lock" + holder(c, dialect)
                            + (wait.isZero() ? " (--no-wait)" : " after waiting " + wait.toMillis() + " ms"));
                }
                if (!told) {
                    log.println("osc: waiting for another osc migrate" + holder(c, dialect) + " to finish");
                    told = true;
                }
                try {
                    sleeper.sleep(Duration.ofMillis(Math.min(left, POLL.toMillis())));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw OscException.failed("interrupted while waiting for the migrate lock", e);
                }
            }
            return new MigrationLock(c);
        } catch (SQLException | RuntimeException e) {
            close(c, e);
            throw e;
        }
    }

    private static boolean granted(Connection c, MigrationDialect dialect) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(dialect.tryLock())) {
            return rs.next() && rs.getBoolean(1);
        }
    }

    private static String holder(Connection c, MigrationDialect dialect) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(dialect.lockHolder())) {
            return rs.next() && rs.getObject(1) != null ? " (session " + rs.getLong(1) + ")" : "";
        }
    }

    private static void close(Connection c, Exception cause) {
        try {
            c.close();
        } catch (SQLException e) {
            cause.addSuppressed(e);
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
