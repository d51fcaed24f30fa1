package dev.osc.engine.shadow;

import dev.osc.cdc.Fence;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
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
        return fence.await(write(), timeout);
    }

    /** Any sentinel written since the first counts: each proves that every commit after it is delivered. */
    @Override
    public boolean writeUntilOneArrives(Duration every, Duration limit) throws SQLException, InterruptedException {
        List<String> written = new ArrayList<>();
        try {
            for (long i = 0; i < FenceWriter.attempts(every, limit); i++) {
                written.add(write());
                if (fence.awaitAny(written, every)) {
                    return true;
                }
            }
            return false;
        } finally {
            fence.abandon(written);
        }
    }

    private String write() throws SQLException {
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
        return token;
    }
}
