package dev.osc.engine.shadow;

import dev.osc.cdc.Fence;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.UUID;

/**
 * Writes a sentinel row into the run's fence table on its own auto-commit connection and waits
 * until the change stream delivers it: every commit before the sentinel has been delivered too.
 */
public final class SentinelWriter implements FenceWriter {
    private final Connection connection;
    private final String insert;
    private final Fence fence;

    public SentinelWriter(Connection connection, HelperTableSql sql, RunNames names, Fence fence) {
        this.connection = connection;
        this.insert = "INSERT INTO " + sql.quote(names.fence()) + " (token) VALUES (?)";
        this.fence = fence;
    }

    /** True when the sentinel came back within the timeout. */
    @Override
    public boolean writeAndAwait(Duration timeout) throws SQLException, InterruptedException {
        String token = UUID.randomUUID().toString();
        if (!connection.getAutoCommit()) {
            connection.setAutoCommit(true);
        }
        try (PreparedStatement ps = connection.prepareStatement(insert)) {
            ps.setString(1, token);
            ps.executeUpdate();
        }
        return fence.await(token, timeout);
    }
}
