package dev.osc.engine.migrate;

import dev.osc.engine.run.Connector;
import dev.osc.engine.run.OscException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Optional;

/** What migrate asks of one database family: its lock, its history table, and how a statement runs directly. */
public interface MigrationDialect {

    static MigrationDialect forUrl(String url) {
        if (url != null && url.startsWith("jdbc:postgresql:")) {
            return new dev.osc.engine.pg.PgMigrationDialect();
        }
        if (url != null && (url.startsWith("jdbc:mariadb:") || url.startsWith("jdbc:mysql:"))) {
            return new dev.osc.engine.mysql.MyMigrationDialect();
        }
        throw OscException.badInput("--url must start with jdbc:postgresql://, jdbc:mariadb:// or jdbc:mysql://");
    }

    Connector connector(String url, String user, String password);

    /** Whether a backslash escapes the next character in a quoted string (MySQL/MariaDB), or is taken literally (PostgreSQL). */
    boolean backslashEscapes();

    /** Tries the database-wide migrate lock on this session: one row, true when granted. */
    String tryLock();

    /** The server-side id of the session holding the migrate lock: one row, NULL when free. */
    String lockHolder();

    /** One row, true when the history table exists in the connection's schema or database. */
    String historyExists();

    String createHistory();

    /** Bounds this session's wait for a table lock. */
    String lockTimeout(Duration timeout);

    String resetLockTimeout();

    /**
     * Lets server work that gives way to a waiting lock request (PostgreSQL's autovacuum) give way
     * within {@code lockTimeout}, for the session; null where there is none. The server cancels an
     * autovacuum for a request that has waited {@code deadlock_timeout} (1 s by default, longer than
     * migrate's lock timeout), so it lowers that, where the role may.
     */
    default String yieldingWaits(Duration lockTimeout) {
        return null;
    }

    /** Undoes {@link #yieldingWaits}; null where there is none. */
    default String resetYieldingWaits() {
        return null;
    }

    /** Whether DDL runs inside a transaction (and rolls back with it), so that a statement and its history row commit together. */
    boolean transactionalDdl();

    /** The statement cannot run inside a transaction block (PostgreSQL: CREATE DATABASE, DROP INDEX CONCURRENTLY, VACUUM, ...). */
    boolean mustRunOutsideTransaction(SQLException e);

    /** A lock timeout, deadlock or serialization failure: the statement may succeed when run again. */
    boolean isRetriable(Throwable e);

    /** Whether the table named as written in a statement exists now. */
    boolean tableExists(Connection c, String writtenName) throws SQLException;

    /** Whether the existing table named as written has no rows. */
    boolean tableEmpty(Connection c, String writtenName) throws SQLException;

    /**
     * The statement that builds {@code index} without blocking writers, when it must be rewritten for that
     * (PostgreSQL: {@code CONCURRENTLY}, run outside a transaction); empty when the statement as written does not block them.
     */
    Optional<String> online(CreateIndexStatement index);

    /** After an online build of {@code index} failed: removes the invalid index it may have left; a no-op where none is left. */
    void dropFailedBuild(Connection c, CreateIndexStatement index) throws SQLException;
}
