package dev.osc.engine.pg;

import dev.osc.throttling.ReplicaLag;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * A standby named with {@code --replica}, read on itself: no lag once it replayed all the WAL it
 * received, else the age of the last transaction it replayed (so an idle primary does not look
 * like lag), or, when it replayed none since it started, the time since it started. A standby whose replay is paused, or which receives no WAL (no WAL receiver
 * streaming: its primary is gone or it only restores from an archive), is reported as stopped.
 */
final class PgStandbyReplay {
    static final String REPLAY = "SELECT pg_is_in_recovery(), "
            + "CASE WHEN pg_is_in_recovery() THEN pg_is_wal_replay_paused() END, "
            + "CASE WHEN pg_is_in_recovery() THEN EXISTS (SELECT 1 FROM pg_stat_wal_receiver WHERE status = 'streaming') END, "
            + "CASE WHEN pg_last_wal_receive_lsn() = pg_last_wal_replay_lsn() THEN 0 "
            + "ELSE (extract(epoch FROM clock_timestamp() - coalesce(pg_last_xact_replay_timestamp(), pg_postmaster_start_time())) * 1000)::bigint END";

    private PgStandbyReplay() {
    }

    static ReplicaLag read(Connection c, String replica) throws SQLException {
        c.setAutoCommit(true);
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(REPLAY)) {
            rs.next();
            if (!rs.getBoolean(1)) {
                throw new SQLException(replica + " is not a standby (pg_is_in_recovery() is false)");
            }
            if (rs.getBoolean(2)) {
                return ReplicaLag.stopped(replica, "WAL replay is paused (pg_is_wal_replay_paused())");
            }
            if (!rs.getBoolean(3)) {
                return ReplicaLag.stopped(replica, "it receives no WAL (no WAL receiver is streaming)");
            }
            return ReplicaLag.behind(replica, rs.getLong(4));
        }
    }
}
