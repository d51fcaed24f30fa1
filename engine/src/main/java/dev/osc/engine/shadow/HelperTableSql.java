package dev.osc.engine.shadow;

import dev.osc.engine.model.TableName;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/** The dialect's text for the run's helper tables: quoting, their DDL and the current time. */
public interface HelperTableSql {
    String quote(TableName table);

    /** {@code CREATE TABLE} for the state table: run_id, source, phase, watermark (JSON text), copy_complete, rows_copied, settings, alter_clause, stream_offsets, admin_port, source_shape, updated_at. */
    String createStateTable(TableName state);

    /** {@code CREATE TABLE} for the fence table: token (primary key), written_at. */
    String createFenceTable(TableName fence);

    /** The expression for the current time in an UPDATE. */
    String now();

    /** The session setting that bounds a DROP's wait for the table's lock (10 s). */
    String lockWaitSetting();

    /** Drops those of {@code tables} that exist, each waiting at most 10 s for its lock. */
    default void dropTables(Connection c, List<TableName> tables) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute(lockWaitSetting());
            for (TableName t : tables) {
                st.execute("DROP TABLE IF EXISTS " + quote(t));
            }
        }
    }

    /**
     * A statement run in the sentinel's own transaction before its insert, so that its commit
     * reaches the change stream at once; null when the database needs none.
     */
    default String sentinelTransactionSetting() {
        return null;
    }
}
