package dev.osc.engine.pg;

import dev.osc.throttling.ReplicaLag;
import dev.osc.throttling.ReplicaLagSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * {@code --max-lag-ms} without {@code --replica}: the physical standbys the primary streams to,
 * as {@code pg_stat_replication} shows them (logical walsenders, the run's own stream among them,
 * and base backups are left out); none means no lag. A standby's lag is its {@code replay_lag},
 * or more when its replay stalls: the server measures {@code replay_lag} only when replay moves,
 * so a standby that stopped replaying would show its last small value for ever. So this also
 * remembers when the primary's WAL reached each position it saw; a standby that has not replayed
 * the WAL there was at time T is at least {@code now - T} behind. The lag and LSN columns need
 * {@code pg_monitor} (or superuser) to be seen; without it they read as no lag.
 */
final class PgStandbys implements ReplicaLagSource {
    static final String STANDBYS = "SELECT coalesce(r.application_name, ''), coalesce(host(r.client_addr), 'local'), "
            + "coalesce((extract(epoch FROM r.replay_lag) * 1000)::bigint, 0), pg_wal_lsn_diff(r.replay_lsn, '0/0')::bigint, "
            + "pg_wal_lsn_diff(pg_current_wal_lsn(), '0/0')::bigint FROM pg_stat_replication r WHERE r.state <> 'backup' "
            + "AND NOT EXISTS (SELECT 1 FROM pg_replication_slots s WHERE s.active_pid = r.pid AND s.slot_type = 'logical') "
            + "ORDER BY 1, 2";
    /** Positions kept at most (one a sample while WAL grows, so about a day at one a second). */
    static final int MAX_POSITIONS = 100_000;

    private final Connection c;
    private final Clock clock;
    private final String primary;
    /** When the primary's WAL reached a position, oldest first: {millis, lsn}. */
    private final Deque<long[]> positions = new ArrayDeque<>();

    PgStandbys(Connection c, Clock clock, String primary) {
        this.c = c;
        this.clock = clock;
        this.primary = primary;
    }

    @Override
    public String describe() {
        return "the standbys of " + primary;
    }

    @Override
    public synchronized List<ReplicaLag> read() throws SQLException {
        c.setAutoCommit(true);
        long now = clock.millis();
        List<ReplicaLag> lags = new ArrayList<>();
        Long oldestReplayed = null;
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(STANDBYS)) {
            while (rs.next()) {
                String name = "standby " + (rs.getString(1).isEmpty() ? "" : rs.getString(1) + "@") + rs.getString(2);
                long replayLag = rs.getLong(3);
                long replayed = rs.getLong(4);
                boolean reported = !rs.wasNull();
                remember(now, rs.getLong(5));
                long stalled = reported ? stalledMillis(now, replayed) : 0;
                lags.add(ReplicaLag.behind(name, Math.max(replayLag, stalled)));
                if (reported) {
                    oldestReplayed = oldestReplayed == null ? replayed : Math.min(oldestReplayed, replayed);
                }
            }
        }
        forgetUpTo(oldestReplayed);
        return lags;
    }

    private void remember(long now, long current) {
        long[] last = positions.peekLast();
        if (last == null || last[1] != current) {
            positions.addLast(new long[] {now, current});
            if (positions.size() > MAX_POSITIONS) {
                positions.removeFirst();
            }
        }
    }

    /** How long ago the primary's WAL first went past {@code replayed}: what the standby has not replayed since. */
    private long stalledMillis(long now, long replayed) {
        for (long[] p : positions) {
            if (p[1] > replayed) {
                return now - p[0];
            }
        }
        return 0;
    }

    /** Positions every standby has replayed are not needed again; with no standby reporting, none are. */
    private void forgetUpTo(Long replayed) {
        if (replayed == null) {
            long[] last = positions.peekLast();
            positions.clear();
            if (last != null) {
                positions.addLast(last);
            }
            return;
        }
        while (!positions.isEmpty() && positions.peekFirst()[1] <= replayed) {
            positions.removeFirst();
        }
    }
}
