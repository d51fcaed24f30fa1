package dev.osc.engine.pg;

import dev.osc.engine.model.TableName;
import dev.osc.engine.shadow.HelperTableSql;
import dev.osc.engine.shadow.RunLock;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/** PostgreSQL's DDL for the run's state and fence tables, and its single-run lock (a session advisory lock). */
public final class PgHelperTables implements HelperTableSql, RunLock.Sql {
    public static final PgHelperTables INSTANCE = new PgHelperTables();
    private static final int LOCK_CLASS = 0x05C0;

    @Override
    public String quote(TableName table) {
        return PgIdentifiers.quote(table);
    }

    @Override
    public String createStateTable(TableName state) {
        return "CREATE TABLE " + quote(state) + " (run_id text PRIMARY KEY, source text NOT NULL, phase text NOT NULL, "
                + "watermark text, copy_complete boolean NOT NULL DEFAULT false, rows_copied bigint NOT NULL DEFAULT 0, "
                + "settings text, alter_clause text, stream_offsets text, admin_port integer, source_shape text, window_ends bigint, updated_at timestamptz NOT NULL DEFAULT now())";
    }

    @Override
    public String createFenceTable(TableName fence) {
        return "CREATE TABLE " + quote(fence) + " (token text PRIMARY KEY, written_at timestamptz NOT NULL DEFAULT clock_timestamp())";
    }

    @Override
    public String now() {
        return "now()";
    }

    /**
     * Logical decoding sends only WAL that is flushed: with {@code synchronous_commit = off} a
     * sentinel would wait for the WAL writer (up to 3 x wal_writer_delay, 600 ms by default) while
     * writers are held. A commit that waits for the local flush (not for synchronous standbys: logical
 * decoding needs only the local flush) flushes it, and everything committed before it, at once.
     */
    @Override
    public String sentinelTransactionSetting() {
        return "SET LOCAL synchronous_commit = local";
    }

    @Override
    public String tryLock() {
        return "SELECT pg_try_advisory_lock(" + LOCK_CLASS + ", hashtext(?))";
    }

    /** The backend holding the advisory lock (two-key form: objsubid 2) in this database. */
    @Override
    public String holder() {
        return "SELECT (SELECT pid FROM pg_locks WHERE locktype = 'advisory' AND granted AND classid = " + LOCK_CLASS
                + " AND objid = hashtext(?)::oid AND objsubid = 2 AND database = (SELECT oid FROM pg_database "
                + "WHERE datname = current_database()) LIMIT 1)";
    }

    @Override
    public String lockWaitSetting() {
        return "SET lock_timeout = '10s'";
    }

    @Override
    public void bindKey(PreparedStatement ps, TableName table) throws SQLException {
        ps.setString(1, table.toString());
    }
}
