package dev.osc.engine.mysql;

import dev.osc.throttling.ReplicaLag;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * A MariaDB/MySQL replica's lag for {@code --max-lag-ms}: its {@code Seconds_Behind_Master}
 * ({@code Seconds_Behind_Source} on MySQL 8.0.22+). NULL means the replica does not replicate
 * (a stopped I/O or SQL thread): reported as stopped, with the threads' state and last error.
 * Asks {@code SHOW REPLICA STATUS}, or {@code SHOW SLAVE STATUS} on servers that do not know it;
 * either needs REPLICATION CLIENT (MariaDB 10.5.9+: SLAVE MONITOR) on the replica.
 */
final class MyReplicaStatus {
    static final String REPLICA_STATUS = "SHOW REPLICA STATUS";
    static final String SLAVE_STATUS = "SHOW SLAVE STATUS";
    /** ER_PARSE_ERROR: a server older than SHOW REPLICA STATUS. */
    private static final int PARSE_ERROR = 1064;
    private static final int MAX_ERROR_TEXT = 200;

    private MyReplicaStatus() {
    }

    static ReplicaLag read(Connection c, String replica) throws SQLException {
        try (Statement st = c.createStatement()) {
            ResultSet status;
            try {
                status = st.executeQuery(REPLICA_STATUS);
            } catch (SQLException e) {
                if (!MyErrors.is(e, PARSE_ERROR)) {
                    throw e;
                }
                status = st.executeQuery(SLAVE_STATUS);
            }
            try (ResultSet rs = status) {
                if (!rs.next()) {
                    throw new SQLException(replica + " is not a replica (" + REPLICA_STATUS + " shows nothing)");
                }
                String seconds = column(rs, "Seconds_Behind_Master", "Seconds_Behind_Source");
                if (seconds == null) {
                    return ReplicaLag.stopped(replica, "Seconds_Behind_Master is NULL (I/O thread "
                            + column(rs, "Slave_IO_Running", "Replica_IO_Running") + ", SQL thread "
                            + column(rs, "Slave_SQL_Running", "Replica_SQL_Running") + lastError(rs) + ")");
                }
                return ReplicaLag.behind(replica, Long.parseLong(seconds.trim()) * 1000);
            }
        }
    }

    private static String lastError(ResultSet rs) throws SQLException {
        for (String name : new String[] {"Last_SQL_Error", "Last_IO_Error"}) {
            String error = column(rs, name);
            if (error != null && !error.isBlank()) {
                String line = error.strip().replace('\n', ' ');
                return ", " + name + ": " + (line.length() > MAX_ERROR_TEXT ? line.substring(0, MAX_ERROR_TEXT) + "..." : line);
            }
        }
        return "";
    }

    /** The first of {@code names} the result has (MariaDB and MySQL name the columns differently), or null. */
    private static String column(ResultSet rs, String... names) throws SQLException {
        ResultSetMetaData meta = rs.getMetaData();
        for (String name : names) {
            for (int i = 1; i <= meta.getColumnCount(); i++) {
                if (meta.getColumnLabel(i).equalsIgnoreCase(name)) {
                    return rs.getString(i);
                }
            }
        }
        return null;
    }
}
