package dev.osc.engine.mysql;

import dev.osc.engine.model.TableName;
import dev.osc.engine.run.OscException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/** One run per table: {@code GET_LOCK} on a dedicated connection, held for the whole run. */
public final class MyRunLock implements AutoCloseable {
    private final Connection connection;

    private MyRunLock(Connection connection) {
        this.connection = connection;
    }

    public static MyRunLock acquire(MyConnector connector, TableName table) throws SQLException {
        Connection c = connector.open("osc run lock");
        try (PreparedStatement ps = c.prepareStatement("SELECT GET_LOCK(?, 0)")) {
            // lock names are limited to 64 characters: a digest of the table name keeps them short and distinct
            ps.setString(1, "osc:" + sha(table.toString()));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                if (rs.getInt(1) != 1) {
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
        return new MyRunLock(c);
    }

    private static String sha(String s) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(s.getBytes(java.nio.charset.StandardCharsets.UTF_8))).substring(0, 40);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        try {
            connection.close();
        } catch (SQLException ignored) {
            // closing the session releases the lock either way
        }
    }
}
