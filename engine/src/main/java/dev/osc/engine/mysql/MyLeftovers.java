package dev.osc.engine.mysql;

import dev.osc.engine.model.TableName;
import dev.osc.engine.run.OscException;
import dev.osc.engine.shadow.Leftover;
import dev.osc.engine.shadow.Leftover.Kind;
import dev.osc.engine.shadow.Leftovers;
import dev.osc.engine.shadow.RunLock;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What runs left in a MySQL/MariaDB database (the URL's): the helper tables found by the names
 * {@link MyRunNames} derives from every table, the sentry only when its comment says it is one
 * (else it is the old table of a swap that stopped before its last rename), and the old tables
 * kept, whose age is their CREATE_TIME: InnoDB reports the time of the table's last rename,
 * which for an old table is the end of its swap. No slot or publication exists on this side.
 */
public final class MyLeftovers implements Leftovers {
    private static final Pattern HELPER = Pattern.compile("^(?:_(.+)_osc_(fence|state|probe|old)|(.+)_osc_(new|del))$");
    private static final Map<String, Kind> SUFFIXES = Map.of("new", Kind.SHADOW, "del", Kind.SENTRY, "fence", Kind.FENCE,
            "state", Kind.STATE, "probe", Kind.PROBE, "old", Kind.OLD_TABLE);
    private static final String SENTRY_COMMENT = "osc sentry ";
    private static final String OLD_TABLE_COMMENT = "osc: old table of run ";
    /** MariaDB's limit for a table comment. */
    private static final int COMMENT_CHARS = 2048;

    /** The comment the swap gives the old table: by which run, and the comment it had (cut to the server's limit). */
    public static String oldTableComment(String runId, String previous) {
        String comment = OLD_TABLE_COMMENT + runId + (previous == null ? "" : "; its comment was: " + previous);
        return comment.length() <= COMMENT_CHARS ? comment : comment.substring(0, COMMENT_CHARS);
    }
    /** The comment a table had before run {@code runId} marked it as its old table; null when that run did not mark it. */
    public static String commentBeforeMark(String runId, String comment) {
        String mark = OLD_TABLE_COMMENT + runId;
        if (comment == null || !comment.startsWith(mark)) {
            return null;
        }
        String rest = comment.substring(mark.length());
        String was = "; its comment was: ";
        return rest.startsWith(was) ? rest.substring(was.length()) : "";
    }

    private final MyConnector connector;

    public MyLeftovers(MyConnector connector) {
        this.connector = connector;
    }

    @Override
    public dev.osc.engine.shadow.HelperTableSql helperTables() {
        return MyHelperTables.INSTANCE;
    }

    @Override
    public Connection open(String role) throws SQLException {
        Connection c = connector.openChecked(role);
        try (Statement st = c.createStatement()) {
            // CREATE_TIME and NOW() read in UTC, so that they are instants
            st.execute("SET SESSION time_zone = '+00:00'");
        }
        return c;
    }

    @Override
    public TableName table(Connection c, String written) throws SQLException {
        try {
            return new MyInspector(c).resolve(written, connector.database());
        } catch (OscException missing) {
            List<String> parts = MyInspector.splitQualified(written);
            return new TableName(parts.size() == 2 ? parts.get(0) : connector.database(), parts.get(parts.size() - 1));
        }
    }

    private record Row(String comment, LocalDateTime created, Long bytes) {
    }

    @Override
    public List<Leftover> find(Connection c) throws SQLException {
        Map<TableName, Row> helpers = new LinkedHashMap<>();
        List<TableName> tables = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT TABLE_SCHEMA, TABLE_NAME, TABLE_COMMENT, CREATE_TIME, "
                + "DATA_LENGTH + INDEX_LENGTH FROM information_schema.TABLES WHERE TABLE_SCHEMA = ? AND TABLE_TYPE = 'BASE TABLE' "
                + "ORDER BY TABLE_NAME")) {
            ps.setString(1, connector.database());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    TableName t = new TableName(rs.getString(1), rs.getString(2));
                    tables.add(t);
                    if (HELPER.matcher(t.name()).matches()) {
                        helpers.put(t, new Row(rs.getString(3), rs.getObject(4, LocalDateTime.class), (Long) rs.getObject(5, Long.class)));
                    }
                }
            }
        }
        Map<TableName, TableName> owners = new HashMap<>();
        for (TableName source : tables) {
            for (TableName helper : helperNames(source)) {
                if (helpers.containsKey(helper)) {
                    owners.putIfAbsent(helper, source);
                }
            }
        }
        List<Leftover> out = new ArrayList<>();
        for (Map.Entry<TableName, Row> h : helpers.entrySet()) {
            Matcher m = HELPER.matcher(h.getKey().name());
            m.matches();
            String suffix = m.group(2) != null ? m.group(2) : m.group(4);
            TableName owner = owners.getOrDefault(h.getKey(),
                    new TableName(h.getKey().schema(), m.group(1) != null ? m.group(1) : m.group(3)));
            Kind kind = SUFFIXES.get(suffix);
            Row row = h.getValue();
            String runId = null;
            if (kind == Kind.SENTRY) {
                if (row.comment() == null || !row.comment().startsWith(SENTRY_COMMENT)) {
                    kind = Kind.OLD_TABLE; // the source, renamed by a swap whose last rename did not run
                } else {
                    runId = row.comment().substring(SENTRY_COMMENT.length());
                }
            }
            if (kind == Kind.SHADOW && row.comment() != null && row.comment().startsWith(OLD_TABLE_COMMENT)) {
                kind = Kind.OLD_TABLE; // a revert window keeps the old table under the shadow's name, marked
            }
            if (kind == Kind.OLD_TABLE) {
                // a table merely named like an old table has no age: osc cleanup never drops it by age
                boolean marked = row.comment() != null && row.comment().startsWith(OLD_TABLE_COMMENT);
                out.add(Leftover.oldTable(h.getKey(), owner, !marked || row.created() == null ? null
                        : row.created().toInstant(ZoneOffset.UTC), row.bytes()));
            } else {
                out.add(Leftover.helper(kind, h.getKey(), owner, kind == Kind.STATE ? runId(c, h.getKey()) : runId));
            }
        }
        return out;
    }

    private static List<TableName> helperNames(TableName source) {
        MyRunNames names = new MyRunNames(source, "");
        List<TableName> out = new ArrayList<>(List.of(names.fence(), names.state(), names.probe(), names.old()));
        if (source.name().codePointCount(0, source.name().length()) <= MyRunNames.MAX_SOURCE_NAME_CHARS) {
            out.add(names.shadow());
            out.add(names.sentry());
        }
        return out;
    }

    private static String runId(Connection c, TableName state) {
        try (Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT run_id FROM " + MyIdentifiers.quote(state) + " ORDER BY updated_at DESC LIMIT 1")) {
            return rs.next() ? rs.getString(1) : null;
        } catch (SQLException notOurs) {
            return null;
        }
    }

    @Override
    public void remove(Connection c, Leftover item) throws SQLException {
        if (item.kind() == Kind.SENTRY) {
            MySwap.dropSentryIfOurs(c, new MyRunNames(item.table(), item.runId()));
            return;
        }
        MyHelperTables.INSTANCE.dropTables(c, List.of(item.relation()));
    }

    @Override
    public AutoCloseable tryLock(TableName table) throws SQLException {
        return RunLock.tryAcquire(connector::open, MyHelperTables.INSTANCE, table);
    }

    @Override
    public List<String> runSessions(Connection c, TableName table, List<String> runIds) throws SQLException {
        return sessions(c, table, runIds, false);
    }

    @Override
    public List<String> endRun(Connection c, TableName table, List<String> runIds) throws SQLException {
        return sessions(c, table, runIds, true);
    }

    /**
     * The lock holder ({@code IS_USED_LOCK}) and, where performance_schema has the connection
     * attributes, the connections named after the run ids; killed when {@code end}, except the
     * run's own cleanup.
     */
    private static List<String> sessions(Connection c, TableName table, List<String> runIds, boolean end) throws SQLException {
        Map<Long, String> found = new LinkedHashMap<>();
        Long holder = RunLock.holder(c, MyHelperTables.INSTANCE, table);
        if (holder != null) {
            found.put(holder, "the run lock's session");
        }
        for (String runId : runIds) {
            try (PreparedStatement ps = c.prepareStatement("SELECT PROCESSLIST_ID, ATTR_VALUE FROM performance_schema.session_connect_attrs "
                    + "WHERE ATTR_NAME = 'program_name' AND RIGHT(ATTR_VALUE, ?) = ? AND PROCESSLIST_ID <> CONNECTION_ID()")) {
                ps.setInt(1, runId.length() + 1);
                ps.setString(2, " " + runId);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        found.putIfAbsent(rs.getLong(1), rs.getString(2));
                    }
                }
            } catch (SQLException noPerformanceSchema) {
                // only the lock holder is known: the run stops when its tables go
            }
        }
        List<String> out = new ArrayList<>();
        for (Map.Entry<Long, String> s : found.entrySet()) {
            if (end && s.getValue().startsWith("osc cleanup")) {
                continue;
            }
            if (end) {
                try (Statement st = c.createStatement()) {
                    st.execute("KILL CONNECTION " + s.getKey());
                } catch (SQLException e) {
                    if (e.getErrorCode() != MyErrors.NO_SUCH_THREAD) {
                        throw e;
                    }
                }
            }
            out.add(s.getValue() + " (connection " + s.getKey() + ")");
        }
        return out;
    }

    @Override
    public Instant now(Connection c) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT NOW(6)")) {
            rs.next();
            return rs.getObject(1, LocalDateTime.class).toInstant(ZoneOffset.UTC);
        }
    }
}
