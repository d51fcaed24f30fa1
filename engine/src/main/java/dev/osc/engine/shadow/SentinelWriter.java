package dev.osc.engine.shadow;

import dev.osc.cdc.Fence;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.UUID;

/**
 * Writes a sentinel row into the run's fence table on its own connection, committed at once (in
 * a transaction with the dialect's setting where its commit would otherwise reach the stream
 * late), and waits until the change stream delivers it: every commit before the sentinel has
 * been delivered too.
 */
public final class SentinelWriter implements FenceWriter {
    private final Connection connection;
    private final String insert;
    private final String setting;
    private final Fence fence;

    public SentinelWriter(Connection connection, HelperTableSql sql, RunNames names, Fence fence) {
        this.connection = connection;
        this.insert = "INSERT INTO " + sql.quote(names.fence()) + " (token) VALUES (?)";
        this.setting = sql.sentinelTransactionSetting();
        this.fence = fence;
    }

    /** True when the sentinel came back within the timeout. */
    @Override
    public boolean writeAndAwait(Duration timeout) throws SQLException, InterruptedException {
        String token = UUID.randomUUID().toString();
        connection.setAutoCommit(setting == null);
        try (PreparedStatement ps = connection.prepareStatement(insert)) {
            if (setting != null) {
                try (Statement st = connection.createStatement()) {
                    st.execute(setting);
                }
            }
            ps.setString(1, token);
            ps.executeUpdate();
            if (setting != null) {
                connection.commit();
            }
        } catch (SQLException | RuntimeException e) {
            if (setting != null) {
                connection.rollback();
            }
            throw e;
        } finally {
            if (setting != null) {
                connection.setAutoCommit(true);
            }
        }
        return fence.await(token, timeout);
    }
}
