package dev.osc.engine.pg;

import dev.osc.engine.model.TableName;
import dev.osc.engine.run.OscException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * One run per table: a session advisory lock keyed by the table's name, held on a dedicated
 * connection for the whole run. A second run on the same table is refused at once.
 */
public final class PgRunLock implements AutoCloseable {
    private static final int LOCK_CLASS = 0x05C0;
    private final Connection connection;

    private PgRunLock(Connection connection) {
        this.connection = connection;
    }

    public static PgRunLock acquire(PgConnector connector, TableName table) throws SQLException {
        Connection c = connector.open("osc run lock " + table);
        try (PreparedStatement ps = c.prepareStatement("SELECT pg_try_advisory_lock(?, hashtext(?))")) {
            ps.setInt(1, LOCK_CLASS);
            ps.setString(2, table.toString());
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                if (!rs.getBoolean(1)) {
                    c.close();
                    throw OscException.refused("another osc run is already altering " + table);
                }
            }
        } catch (SQLException | RuntimeException e) {
            try {
                c.close();
            } catch (SQLException ignored) {
                e.addSuppressed(ignored);
            }
            throw e;
        }
        return new PgRunLock(c);
    }

    @Override
    public void close() {
        try {
            connection.close();
        } catch (SQLException ignored) {
            // closing the session releases the advisory lock either way
        }
    }
}
