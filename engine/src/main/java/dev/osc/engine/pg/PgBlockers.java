package dev.osc.engine.pg;

import static dev.osc.engine.pg.PgIdentifiers.quote;

import dev.osc.cutover.BlockingSession;
import dev.osc.cutover.BlockingSessions;
import dev.osc.engine.model.TableName;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * PostgreSQL sessions holding a granted lock that conflicts with the mode a hold asks for on a
 * table ({@code pg_locks} with {@code pg_stat_activity}); osc's own sessions (this connection,
 * application names {@code osc ...}) are never listed. Only client backends may be terminated
 * ({@code pg_terminate_backend}). An autovacuum worker in the way is cancelled ({@code pg_cancel_backend}),
 * as the server cancels one for any lock request that waits on it past {@code deadlock_timeout} (1 s by
 * default, longer than osc's lock timeout, so the server never does it for osc), unless it runs to prevent
 * wraparound. A VACUUM of a freshly loaded 1M-row table kept the checksum's hold away for 6 s that way.
 */
final class PgBlockers implements BlockingSessions {
    private static final List<String> ALL_MODES = List.of("AccessShareLock", "RowShareLock", "RowExclusiveLock",
            "ShareUpdateExclusiveLock", "ShareLock", "ShareRowExclusiveLock", "ExclusiveLock", "AccessExclusiveLock");

    private static final String FIND = "SELECT a.pid, a.usename, coalesce(a.state, ''), a.backend_type, "
            + "CAST(EXTRACT(EPOCH FROM clock_timestamp() - a.xact_start) * 1000 AS bigint), left(a.query, 1000), "
            // the server keeps track_activity_query_size - 1 bytes of a query: a longer one may have lost its end
            + "octet_length(a.query) < (SELECT setting::int - 1 FROM pg_settings WHERE name = 'track_activity_query_size') "
            + "FROM pg_stat_activity a WHERE a.pid <> pg_backend_pid() AND coalesce(a.application_name, '') NOT LIKE 'osc %' "
            + "AND a.pid IN (SELECT l.pid FROM pg_locks l WHERE l.granted AND l.relation = to_regclass(?) AND l.mode = ANY (?)) "
            + "ORDER BY a.xact_start NULLS LAST, a.pid";

    private final Connection c;
    private final Map<TableName, List<String>> conflicting = new LinkedHashMap<>();

    /** {@code modes}: the table and the lock mode (as in {@code LOCK TABLE ... IN mode MODE}) the hold asks for. */
    PgBlockers(Connection c, Map<TableName, String> modes) {
        this.c = c;
        modes.forEach((table, mode) -> conflicting.put(table, conflictsWith(mode)));
    }

    /** The granted modes that keep {@code mode} waiting (PostgreSQL's table-level conflict matrix). */
    static List<String> conflictsWith(String mode) {
        return switch (mode) {
            case "ACCESS EXCLUSIVE" -> ALL_MODES;
            case "EXCLUSIVE" -> ALL_MODES.subList(1, ALL_MODES.size());
            case "SHARE ROW EXCLUSIVE" -> ALL_MODES.subList(2, ALL_MODES.size());
            default -> throw new IllegalArgumentException("no conflict list for lock mode " + mode);
        };
    }

    @Override
    public List<BlockingSession> find() throws SQLException {
        Map<Long, BlockingSession> found = new LinkedHashMap<>();
        try (PreparedStatement ps = c.prepareStatement(FIND)) {
            for (Map.Entry<TableName, List<String>> e : conflicting.entrySet()) {
                ps.setString(1, quote(e.getKey()));
                ps.setArray(2, c.createArrayOf("text", e.getValue().toArray()));
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        long pid = rs.getLong(1);
                        long ageMillis = rs.getLong(5);
                        Duration age = rs.wasNull() ? null : Duration.ofMillis(Math.max(0, ageMillis));
                        String backend = rs.getString(4);
                        boolean client = "client backend".equals(backend);
                        String state = client ? rs.getString(3) : backend;
                        String query = rs.getString(6);
                        found.putIfAbsent(pid, new BlockingSession(pid, rs.getString(2), state, age, query, client,
                                yieldsToLocks(backend, query, rs.getBoolean(7))));
                    }
                }
            }
        }
        return new ArrayList<>(found.values());
    }

    /**
     * An autovacuum worker whose whole query is known ({@code complete}: not cut at
     * track_activity_query_size) and is not a VACUUM to prevent wraparound, which the server never
     * cancels. An empty query (track_activities off) or a cut one is never taken to yield.
     */
    static boolean yieldsToLocks(String backendType, String query, boolean complete) {
        return "autovacuum worker".equals(backendType) && complete && query != null && query.startsWith("autovacuum: ")
                && !query.contains("wraparound");
    }

    /** False when the worker had ended already. */
    @Override
    public boolean cancel(BlockingSession session) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT pg_cancel_backend(?)")) {
            ps.setInt(1, Math.toIntExact(session.id()));
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() && rs.getBoolean(1);
            }
        }
    }

    @Override
    public void terminate(BlockingSession session) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT pg_terminate_backend(?)")) {
            ps.setInt(1, Math.toIntExact(session.id()));
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next() || !rs.getBoolean(1)) {
                    throw new SQLException("session " + session.id() + " is gone already");
                }
            }
        }
    }
}
