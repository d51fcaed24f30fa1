package dev.osc.engine.pg;

import dev.osc.throttling.StreamWatch;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Optional;

/**
 * Warns when the WAL the run's slot needs is in danger: {@code max_slot_wal_keep_size} is passed
 * ({@code wal_status} unreserved: the next checkpoint removes it) or was ({@code lost}: the stream
 * cannot go on), or less than a fifth of it is left ({@code safe_wal_size}). Never throttles: that
 * is {@code --max-retained-wal-mb}'s job.
 */
final class PgSlotRetention implements StreamWatch {
    static final String SLOT = "SELECT wal_status, safe_wal_size, "
            + "(SELECT setting::bigint FROM pg_settings WHERE name = 'max_slot_wal_keep_size') "
            + "FROM pg_replication_slots WHERE slot_name = ?";
    private static final long MB = 1024 * 1024;

    private final Connection c;
    private final String slot;

    PgSlotRetention(Connection c, String slot) {
        this.c = c;
        this.slot = slot;
    }

    @Override
    public String name() {
        return "stream-retention";
    }

    @Override
    public Optional<String> check(Duration throttledFor) throws SQLException {
        c.setAutoCommit(true);
        try (PreparedStatement ps = c.prepareStatement(SLOT)) {
            ps.setString(1, slot);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                String status = rs.getString(1);
                long safe = rs.getLong(2);
                boolean limited = !rs.wasNull();
                long keepMb = rs.getLong(3);
                if ("lost".equals(status)) {
                    return Optional.of("slot " + slot + " lost WAL the change stream needs (wal_status lost, max_slot_wal_keep_size "
                            + keepMb + " MB): the stream cannot go on");
                }
                if ("unreserved".equals(status)) {
                    return Optional.of("slot " + slot + " holds back more WAL than max_slot_wal_keep_size (" + keepMb
                            + " MB, wal_status unreserved): the next checkpoint removes WAL the change stream needs");
                }
                if (limited && keepMb > 0 && safe < keepMb * MB / 5) {
                    return Optional.of("slot " + slot + " may hold back only " + Math.max(0, safe / MB)
                            + " MB more WAL before max_slot_wal_keep_size (" + keepMb + " MB) makes the server remove what the change stream needs");
                }
                return Optional.empty();
            }
        }
    }
}
