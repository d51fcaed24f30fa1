package dev.osc.engine.pg;

import static dev.osc.engine.pg.PgIdentifiers.quote;

import dev.osc.cdc.Fence;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.UUID;

/**
 * Writes a sentinel row into the run's fence table on its own autocommit connection and waits
 * until the change stream delivers it: every commit before the sentinel has been delivered too.
 */
public final class PgFenceWriter implements dev.osc.engine.shadow.FenceWriter {
    private final Connection connection;
    private final PgRunNames names;
    private final Fence fence;

    public PgFenceWriter(Connection connection, PgRunNames names, Fence fence) {
        this.connection = connection;
        this.names = names;
        this.fence = fence;
    }

    public static void createTable(Connection c, PgRunNames names) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute("CREATE TABLE " + quote(names.fence())
                    + " (token text PRIMARY KEY, written_at timestamptz NOT NULL DEFAULT clock_timestamp())");
        }
    }

    /** True when the sentinel came back within the timeout. */
    @Override
    public boolean writeAndAwait(Duration timeout) throws SQLException, InterruptedException {
        String token = UUID.randomUUID().toString();
        try (PreparedStatement ps = connection.prepareStatement("INSERT INTO " + quote(names.fence()) + " (token) VALUES (?)")) {
            ps.setString(1, token);
            ps.executeUpdate();
        }
        return fence.await(token, timeout);
    }
}
