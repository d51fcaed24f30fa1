package dev.osc.engine.mysql;

import dev.osc.engine.migrate.CreateIndexStatement;
import dev.osc.engine.migrate.HistoryTable;
import dev.osc.engine.migrate.MigrationDialect;
import dev.osc.engine.model.TableName;
import dev.osc.engine.run.Connector;
import dev.osc.engine.run.OscException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Optional;

/**
 * MySQL/MariaDB's part of migrate: {@code GET_LOCK} on a name made from the database's (lock names
 * are server-wide and at most 64 characters), the history table in the current database,
 * {@code lock_wait_timeout} (whole seconds), and indexes as written (InnoDB builds them in place
 * without blocking writers).
 */
public final class MyMigrationDialect implements MigrationDialect {
    private static final String LOCK_NAME = "CONCAT('osc-migrate:', SHA1(DATABASE()))";

    @Override
    public Connector connector(String url, String user, String password) {
        return new MyConnector(url, user, password);
    }

    /** a backslash escapes in strings (unless NO_BACKSLASH_ESCAPES). */
    @Override
    public boolean backslashEscapes() {
        return true;
    }

    @Override
    public String tryLock() {
        return "SELECT GET_LOCK(" + LOCK_NAME + ", 0)";
    }

    @Override
    public String lockHolder() {
        return "SELECT IS_USED_LOCK(" + LOCK_NAME + ")";
    }

    @Override
    public String historyExists() {
        return "SELECT COUNT(*) > 0 FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = "
                + MyIdentifiers.literal(HistoryTable.NAME);
    }

    @Override
    public String createHistory() {
        return "CREATE TABLE IF NOT EXISTS " + MyIdentifiers.quote(HistoryTable.NAME) + " (installed_rank BIGINT AUTO_INCREMENT PRIMARY KEY, "
                + "version VARCHAR(50) NOT NULL, description VARCHAR(200) NOT NULL, kind VARCHAR(10) NOT NULL, "
                + "script VARCHAR(1000) NOT NULL, checksum CHAR(64), statement_index INT NOT NULL, strategy VARCHAR(20) NOT NULL, "
                + "run_id VARCHAR(64) NOT NULL, started_at DATETIME(3), finished_at DATETIME(3), duration_ms BIGINT NOT NULL, "
                + "success BOOLEAN NOT NULL, error TEXT) ENGINE=InnoDB";
    }

    @Override
    public String lockTimeout(Duration timeout) {
        return "SET SESSION lock_wait_timeout = " + Math.max(1, (timeout.toMillis() + 999) / 1000);
    }

    @Override
    public String resetLockTimeout() {
        return "SET SESSION lock_wait_timeout = DEFAULT";
    }

    /** DDL commits implicitly: the history row follows the statement. */
    @Override
    public boolean transactionalDdl() {
        return false;
    }

    @Override
    public boolean mustRunOutsideTransaction(SQLException e) {
        return false;
    }

    @Override
    public boolean isRetriable(Throwable e) {
        return MyErrors.isRetriable(e);
    }

    @Override
    public boolean tableExists(Connection c, String writtenName) throws SQLException {
        return resolved(c, writtenName).isPresent();
    }

    @Override
    public boolean tableEmpty(Connection c, String writtenName) throws SQLException {
        TableName table = resolved(c, writtenName).orElseThrow(() -> OscException.badInput("table " + writtenName + " does not exist"));
        try (Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT NOT EXISTS (SELECT 1 FROM " + MyIdentifiers.quote(table) + ")")) {
            return rs.next() && rs.getBoolean(1);
        }
    }

    private static Optional<TableName> resolved(Connection c, String writtenName) throws SQLException {
        try {
            return Optional.of(new MyInspector(c).resolve(writtenName, c.getCatalog()));
        } catch (OscException notThere) {
            return Optional.empty();
        }
    }

    @Override
    public Optional<String> online(CreateIndexStatement index) {
        return Optional.empty();
    }

    @Override
    public void dropFailedBuild(Connection c, CreateIndexStatement index) {
        // an InnoDB index build that fails leaves nothing behind
    }
}
