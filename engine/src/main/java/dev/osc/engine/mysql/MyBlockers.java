package dev.osc.engine.mysql;

import dev.osc.cutover.BlockingSession;
import dev.osc.cutover.BlockingSessions;
import dev.osc.engine.model.TableName;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * MySQL/MariaDB sessions holding a metadata lock on the source or the shadow that keeps
 * {@code LOCK TABLES ... WRITE} waiting, e.g. an open transaction that once read the table.
 * The holders are read from {@code information_schema.METADATA_LOCK_INFO} (MariaDB's
 * metadata_lock_info plugin), else from {@code performance_schema.metadata_locks} when its
 * instrument is on (MySQL 8's default). Without either, the sessions with an open InnoDB
 * transaction are named as possible holders, and none of them is ended: which table a
 * transaction locks is not visible then. Never lists osc's own sessions. A holder without an
 * InnoDB transaction (a running statement, {@code LOCK TABLES ... READ}) is aged by the time it has
 * spent in its current command, which it has held the lock for at least.
 */
final class MyBlockers implements BlockingSessions {
    private static final String DETAILS = "SELECT p.ID, p.USER, p.COMMAND, p.STATE, "
            + "COALESCE(TIMESTAMPDIFF(SECOND, x.trx_started, NOW()), p.TIME), LEFT(p.INFO, 1000) "
            + "FROM information_schema.PROCESSLIST p LEFT JOIN information_schema.INNODB_TRX x ON x.trx_mysql_thread_id = p.ID "
            + "WHERE p.ID <> CONNECTION_ID() AND p.ID IN (%s) ORDER BY x.trx_started, p.ID";
    private static final String MDL_PLUGIN = "SELECT DISTINCT THREAD_ID FROM information_schema.METADATA_LOCK_INFO "
            + "WHERE LOCK_TYPE = 'Table metadata lock' AND TABLE_SCHEMA = ? AND TABLE_NAME IN (?, ?) "
            + "AND LOCK_MODE NOT IN ('MDL_SHARED', 'MDL_SHARED_HIGH_PRIO')";
    private static final String MDL_INSTRUMENTED = "SELECT ENABLED FROM performance_schema.setup_instruments "
            + "WHERE NAME = 'wait/lock/metadata/sql/mdl' AND @@performance_schema = 1";
    private static final String MDL_PERFORMANCE_SCHEMA = "SELECT DISTINCT t.PROCESSLIST_ID FROM performance_schema.metadata_locks m "
            + "JOIN performance_schema.threads t ON t.THREAD_ID = m.OWNER_THREAD_ID WHERE m.OBJECT_TYPE = 'TABLE' "
            + "AND m.OBJECT_SCHEMA = ? AND m.OBJECT_NAME IN (?, ?) AND m.LOCK_STATUS = 'GRANTED' "
            + "AND m.LOCK_TYPE NOT IN ('SHARED', 'SHARED_HIGH_PRIO') AND t.PROCESSLIST_ID IS NOT NULL";
    private static final String OSC_SESSIONS = "SELECT PROCESSLIST_ID FROM performance_schema.session_connect_attrs "
            + "WHERE ATTR_NAME = 'program_name' AND ATTR_VALUE LIKE 'osc %'";
    private static final String OPEN_TRANSACTIONS = "SELECT trx_mysql_thread_id FROM information_schema.INNODB_TRX";

    private final Connection c;
    private final TableName source;
    private final TableName shadow;

    MyBlockers(Connection c, TableName source, TableName shadow) {
        this.c = c;
        this.source = source;
        this.shadow = shadow;
    }

    @Override
    public List<BlockingSession> find() throws SQLException {
        Optional<Set<Long>> holders = holders();
        boolean known = holders.isPresent();
        Set<Long> ids = known ? holders.get() : ids(OPEN_TRANSACTIONS, false);
        ids.removeAll(oscSessions());
        if (ids.isEmpty()) {
            return List.of();
        }
        String in = ids.stream().map(String::valueOf).collect(Collectors.joining(", "));
        List<BlockingSession> found = new ArrayList<>();
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(String.format(DETAILS, in))) {
            while (rs.next()) {
                long seconds = rs.getLong(5);
                Duration age = rs.wasNull() ? null : Duration.ofSeconds(Math.max(0, seconds));
                String state = rs.getString(3) + (rs.getString(4) == null || rs.getString(4).isBlank() ? "" : ", " + rs.getString(4));
                if (!known) {
                    state += ", an open transaction that may hold the lock (load the metadata_lock_info plugin to know)";
                }
                found.add(new BlockingSession(rs.getLong(1), rs.getString(2), state, age, rs.getString(6), known));
            }
        }
        return found;
    }

    @Override
    public void terminate(BlockingSession session) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute("KILL CONNECTION " + session.id());
        }
    }

    /** The sessions known to hold a metadata lock on the tables; empty when the server does not show them. */
    private Optional<Set<Long>> holders() throws SQLException {
        try {
            return Optional.of(ids(MDL_PLUGIN, true));
        } catch (SQLException noPlugin) {
            // information_schema.METADATA_LOCK_INFO exists only with the plugin
        }
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(MDL_INSTRUMENTED)) {
            if (rs.next() && "YES".equals(rs.getString(1))) {
                return Optional.of(ids(MDL_PERFORMANCE_SCHEMA, true));
            }
        } catch (SQLException noPerformanceSchema) {
            // not compiled in, or not readable
        }
        return Optional.empty();
    }

    private Set<Long> ids(String sql, boolean forTables) throws SQLException {
        Set<Long> ids = new HashSet<>();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            if (forTables) {
                ps.setString(1, source.schema());
                ps.setString(2, source.name());
                ps.setString(3, shadow.name());
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getLong(1));
                }
            }
        }
        return ids;
    }

    /** osc's sessions, by the program name each of them carries; none known without the performance schema. */
    private Set<Long> oscSessions() {
        try {
            return ids(OSC_SESSIONS, false);
        } catch (SQLException e) {
            return Set.of();
        }
    }
}
