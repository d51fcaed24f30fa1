package dev.osc.engine.mysql;

import static dev.osc.engine.mysql.MyIdentifiers.quote;

import dev.osc.cdc.Fence;
import dev.osc.engine.shadow.FenceWriter;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.UUID;

/** Writes a sentinel row into the run's fence table (autocommit) and waits for the binlog to deliver it. */
public final class MyFenceWriter implements FenceWriter {
    private final Connection connection;
    private final MyRunNames names;
    private final Fence fence;

    public MyFenceWriter(Connection connection, MyRunNames names, Fence fence) {
        this.connection = connection;
        this.names = names;
        this.fence = fence;
    }

    public static void createTable(Connection c, MyRunNames names) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute("CREATE TABLE " + quote(names.fence()) + " (token VARCHAR(64) PRIMARY KEY, "
                    + "written_at TIMESTAMP(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6)) ENGINE=InnoDB");
        }
    }

    @Override
    public boolean writeAndAwait(Duration timeout) throws SQLException, InterruptedException {
        String token = UUID.randomUUID().toString();
        connection.setAutoCommit(true);
        try (PreparedStatement ps = connection.prepareStatement("INSERT INTO " + quote(names.fence()) + " (token) VALUES (?)")) {
            ps.setString(1, token);
            ps.executeUpdate();
        }
        return fence.await(token, timeout);
    }
}
