package dev.osc.engine.pg;

import dev.osc.engine.migrate.CreateIndexStatement;
import dev.osc.engine.migrate.HistoryTable;
import dev.osc.engine.migrate.MigrationDialect;
import dev.osc.engine.model.TableName;
import dev.osc.engine.run.Connector;
import dev.osc.engine.run.OscException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Optional;

/**
 * PostgreSQL's part of migrate: a session advisory lock of its own class (apart from the per-table
 * run locks), the history table in the current schema, {@code lock_timeout}, and indexes built
 * {@code CONCURRENTLY} (an invalid index left by a failed build is dropped the same way).
 */
public final class PgMigrationDialect implements MigrationDialect {
    private static final int LOCK_CLASS = 0x05C1;
    /** "cannot run inside a transaction block". */
    private static final String ACTIVE_SQL_TRANSACTION = "25001";

    @Override
    public Connector connector(String url, String user, String password) {
        return new PgConnector(url, user, password);
    }

    /** standard_conforming_strings: a backslash is literal, except in {@code E'...'}. */
    @Override
    public boolean backslashEscapes() {
        return false;
    }

    @Override
    public String tryLock() {
        return "SELECT pg_try_advisory_lock(" + LOCK_CLASS + ", 0)";
    }

    @Override
    public String lockHolder() {
        return "SELECT (SELECT pid FROM pg_locks WHERE locktype = 'advisory' AND granted AND classid = " + LOCK_CLASS
                + " AND objid = 0 AND objsubid = 2 AND database = (SELECT oid FROM pg_database WHERE datname = current_database()) LIMIT 1)";
    }

    @Override
    public String historyExists() {
        return "SELECT to_regclass(" + PgIdentifiers.literal(PgIdentifiers.quote(HistoryTable.NAME)) + ") IS NOT NULL";
    }

    @Override
    public String createHistory() {
        return "CREATE TABLE IF NOT EXISTS " + PgIdentifiers.quote(HistoryTable.NAME) + " (installed_rank bigserial PRIMARY KEY, "
                + "version text NOT NULL, description text NOT NULL, kind text NOT NULL, script text NOT NULL, checksum text, "
                + "statement_index int NOT NULL, strategy text NOT NULL, run_id text NOT NULL, started_at timestamptz, "
                + "finished_at timestamptz, duration_ms bigint NOT NULL, success boolean NOT NULL, error text)";
    }

    @Override
    public String lockTimeout(Duration timeout) {
        return "SET lock_timeout = '" + Math.max(1, timeout.toMillis()) + "ms'";
    }

    @Override
    public String resetLockTimeout() {
        return "RESET lock_timeout";
    }

    /** Half the lock timeout: the server's deadlock check, which cancels a blocking autovacuum, comes before the timeout. */
    @Override
    public String yieldingWaits(Duration lockTimeout) {
        return "SET deadlock_timeout = '" + Math.max(1, lockTimeout.toMillis() / 2) + "ms'";
    }

    @Override
    public String resetYieldingWaits() {
        return "RESET deadlock_timeout";
    }

    @Override
    public boolean transactionalDdl() {
        return true;
    }

    @Override
    public boolean mustRunOutsideTransaction(SQLException e) {
        return PgErrors.is(e, ACTIVE_SQL_TRANSACTION);
    }

    @Override
    public boolean isRetriable(Throwable e) {
        return PgErrors.isRetriable(e);
    }

    @Override
    public boolean tableExists(Connection c, String writtenName) throws SQLException {
        return resolved(c, writtenName).isPresent();
    }

    @Override
    public boolean tableEmpty(Connection c, String writtenName) throws SQLException {
        TableName table = resolved(c, writtenName).orElseThrow(() -> OscException.badInput("table " + writtenName + " does not exist"));
        try (Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT NOT EXISTS (SELECT 1 FROM " + PgIdentifiers.quote(table) + ")")) {
            return rs.next() && rs.getBoolean(1);
        }
    }

    private static Optional<TableName> resolved(Connection c, String writtenName) throws SQLException {
        try {
            return Optional.of(new PgInspector(c).resolve(writtenName));
        } catch (OscException notThere) {
            return Optional.empty();
        }
    }

    /** CONCURRENTLY, unless the statement names ONLY a (partitioned) table, which PostgreSQL cannot build that way. */
    @Override
    public Optional<String> online(CreateIndexStatement index) {
        return index.only() ? Optional.empty() : Optional.of(index.concurrent());
    }

    @Override
    public void dropFailedBuild(Connection c, CreateIndexStatement index) throws SQLException {
        Optional<TableName> table = resolved(c, index.table());
        if (index.name() == null || table.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT n.nspname FROM pg_index i JOIN pg_class x ON x.oid = i.indexrelid "
                + "JOIN pg_namespace n ON n.oid = x.relnamespace WHERE NOT i.indisvalid AND x.relname = ? AND i.indrelid = ?")) {
            ps.setString(1, PgIdentifiers.unquote(index.name()));
            ps.setLong(2, new PgInspector(c).oid(table.get()));
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return;
                }
                try (Statement st = c.createStatement()) {
                    st.execute("DROP INDEX CONCURRENTLY IF EXISTS " + PgIdentifiers.quote(new TableName(rs.getString(1),
                            PgIdentifiers.unquote(index.name()))));
                }
            }
        }
    }
}
