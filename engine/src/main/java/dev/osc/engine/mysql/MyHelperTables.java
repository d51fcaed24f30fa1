package dev.osc.engine.mysql;

import dev.osc.engine.model.TableName;
import dev.osc.engine.shadow.HelperTableSql;
import dev.osc.engine.shadow.RunLock;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.HexFormat;

/** MySQL/MariaDB DDL for the run's state and fence tables, and its single-run lock ({@code GET_LOCK}). */
public final class MyHelperTables implements HelperTableSql, RunLock.Sql {
    public static final MyHelperTables INSTANCE = new MyHelperTables();

    @Override
    public String quote(TableName table) {
        return MyIdentifiers.quote(table);
    }

    @Override
    public String createStateTable(TableName state) {
        return "CREATE TABLE " + quote(state) + " (run_id VARCHAR(64) PRIMARY KEY, source VARCHAR(200) NOT NULL, "
                + "phase VARCHAR(32) NOT NULL, watermark JSON, copy_complete BOOLEAN NOT NULL DEFAULT FALSE, "
                + "rows_copied BIGINT NOT NULL DEFAULT 0, settings TEXT, alter_clause LONGTEXT, stream_offsets LONGTEXT, admin_port INT, source_shape LONGTEXT, window_ends BIGINT, "
                + "updated_at TIMESTAMP(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4";
    }

    @Override
    public String createFenceTable(TableName fence) {
        return "CREATE TABLE " + quote(fence) + " (token VARCHAR(64) PRIMARY KEY, "
                + "written_at TIMESTAMP(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6)) ENGINE=InnoDB";
    }

    @Override
    public String now() {
        return "CURRENT_TIMESTAMP(6)";
    }

    @Override
    public String tryLock() {
        return "SELECT GET_LOCK(?, 0)";
    }

    @Override
    public String holder() {
        return "SELECT IS_USED_LOCK(?)";
    }

    @Override
    public String lockWaitSetting() {
        return "SET SESSION lock_wait_timeout = 10";
    }

    /** Lock names are limited to 64 characters: a digest of the table name keeps them short and distinct. */
    @Override
    public void bindKey(PreparedStatement ps, TableName table) throws SQLException {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(table.toString().getBytes(StandardCharsets.UTF_8));
            ps.setString(1, "osc:" + HexFormat.of().formatHex(digest).substring(0, 40));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
