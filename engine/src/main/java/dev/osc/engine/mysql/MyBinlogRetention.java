package dev.osc.engine.mysql;

import dev.osc.cdc.StreamPosition;
import dev.osc.throttling.StreamWatch;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Warns when the binary logs the change stream resumes from are in danger: the copy held back for
 * half the binlog retention ({@code binlog_expire_logs_seconds}, else {@code expire_logs_days}),
 * or the binlog file of the stream's last acknowledged position already purged (a restart then
 * copies again). Read on a connection of its own; never throttles.
 */
final class MyBinlogRetention implements StreamWatch {
    static final String EXPIRE_SECONDS = "SELECT @@global.binlog_expire_logs_seconds";
    static final String EXPIRE_DAYS = "SELECT @@global.expire_logs_days * 86400";
    static final String BINARY_LOGS = "SHOW BINARY LOGS";
    /** ER_UNKNOWN_SYSTEM_VARIABLE: a server older than binlog_expire_logs_seconds. */
    private static final int UNKNOWN_SYSTEM_VARIABLE = 1193;

    private final Connection c;
    private final Supplier<StreamPosition> acknowledged;

    MyBinlogRetention(Connection c, Supplier<StreamPosition> acknowledged) {
        this.c = c;
        this.acknowledged = acknowledged;
    }

    @Override
    public String name() {
        return "stream-retention";
    }

    @Override
    public Optional<String> check(Duration throttledFor) throws SQLException {
        if (acknowledged.get() instanceof StreamPosition.Binlog at && !binaryLogs(at.file())) {
            return Optional.of("the binary log " + at.file() + " the change stream resumes from is purged: "
                    + "should the run stop now, a restart copies the table again");
        }
        if (throttledFor.isZero()) {
            return Optional.empty();
        }
        long retention = retentionSeconds();
        if (retention > 0 && throttledFor.toSeconds() * 2 >= retention) {
            return Optional.of("the copy has been throttled for " + throttledFor.toSeconds() + " s, half the binary log retention ("
                    + retention + " s): a longer throttle risks the binary logs the change stream resumes from being purged");
        }
        return Optional.empty();
    }

    /** The binary log retention in seconds; 0 when logs never expire. */
    long retentionSeconds() throws SQLException {
        try (Statement st = c.createStatement()) {
            try (ResultSet rs = st.executeQuery(EXPIRE_SECONDS)) {
                rs.next();
                return rs.getLong(1);
            } catch (SQLException e) {
                if (!MyErrors.is(e, UNKNOWN_SYSTEM_VARIABLE)) {
                    throw e;
                }
            }
            try (ResultSet rs = st.executeQuery(EXPIRE_DAYS)) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private boolean binaryLogs(String file) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(BINARY_LOGS)) {
            while (rs.next()) {
                if (rs.getString(1).equals(file)) {
                    return true;
                }
            }
            return false;
        }
    }
}
