package dev.osc.engine.pg;

import dev.osc.throttling.Probe;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/** {@code --max-retained-wal-mb}: the MiB of WAL the run's own slot holds back on the server (0 while it has none). */
final class PgRetainedWal implements Probe {
    static final String RETAINED = "SELECT coalesce(pg_wal_lsn_diff(pg_current_wal_lsn(), restart_lsn), 0)::bigint / (1024 * 1024) "
            + "FROM pg_replication_slots WHERE slot_name = ?";

    private final Connection c;
    private final String slot;

    PgRetainedWal(Connection c, String slot) {
        this.c = c;
        this.slot = slot;
    }

    @Override
    public long read() throws SQLException {
        c.setAutoCommit(true);
        try (PreparedStatement ps = c.prepareStatement(RETAINED)) {
            ps.setString(1, slot);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getLong(1) : 0;
            }
        }
    }
}
