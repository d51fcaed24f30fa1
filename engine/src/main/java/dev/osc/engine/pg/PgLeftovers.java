package dev.osc.engine.pg;

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
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What runs left on a PostgreSQL database: helper tables found by the names {@link PgRunNames}
 * derives from every table, the slots of this database and the publications named
 * {@code osc_...} (a run's slot and publication share its name), and the old tables kept, whose
 * age is the time the swap wrote into their comment (the catalog keeps no creation time).
 */
public final class PgLeftovers implements Leftovers {
    private static final Pattern HELPER = Pattern.compile("_osc_(new|fence|state|probe|old)$");
    private static final Pattern KEPT_AT = Pattern.compile("^osc: old table of run ([^,\\s]+), swapped at ([^;\\s]+)");
    private static final Map<String, Kind> SUFFIXES = Map.of("new", Kind.SHADOW, "fence", Kind.FENCE, "state", Kind.STATE,
            "probe", Kind.PROBE, "old", Kind.OLD_TABLE);
    private final PgConnector connector;

    public PgLeftovers(PgConnector connector) {
        this.connector = connector;
    }

    /** The comment the swap gives the old table: when and by which run, and the comment it had. */
    static String keptComment(String runId, Instant swappedAt, String previous) {
        return "osc: old table of run " + runId + ", swapped at " + swappedAt + (previous == null ? "" : "; its comment was: " + previous);
    }

    /**
     * Marks the old table with the time of its swap (the server's), keeping the comment it had:
     * how {@code cleanup} tells its age (PostgreSQL's catalog keeps no creation time). Run after
     * the swap, outside the writers' hold.
     */
    static void markKept(Connection c, PgRunNames names) throws SQLException {
        Instant at;
        String previous;
        try (PreparedStatement ps = c.prepareStatement("SELECT now(), obj_description(to_regclass(?), 'pg_class')")) {
            ps.setString(1, PgIdentifiers.quote(names.old()));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                at = rs.getTimestamp(1).toInstant();
                previous = rs.getString(2);
            }
        }
        // a session still reading the old table must not hold the run up: the comment waits 2 s at most
        boolean autoCommit = c.getAutoCommit();
        c.setAutoCommit(false);
        try (Statement st = c.createStatement()) {
            st.execute("SET LOCAL lock_timeout = '2s'");
            st.execute("COMMENT ON TABLE " + PgIdentifiers.quote(names.old()) + " IS "
                    + PgIdentifiers.literal(keptComment(names.runId(), at, previous)));
            c.commit();
        } catch (SQLException e) {
            c.rollback();
            throw e;
        } finally {
            c.setAutoCommit(autoCommit);
        }
    }

    static Instant keptAt(String comment) {
        Matcher m = comment == null ? null : KEPT_AT.matcher(comment);
        if (m == null || !m.find()) {
            return null;
        }
        try {
            return Instant.parse(m.group(2));
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    @Override
    public dev.osc.engine.shadow.HelperTableSql helperTables() {
        return PgHelperTables.INSTANCE;
    }

    @Override
    public Connection open(String role) {
        return connector.openChecked(role);
    }

    @Override
    public TableName table(Connection c, String written) throws SQLException {
        try {
            return new PgInspector(c).resolve(written);
        } catch (OscException missing) {
            List<String> parts = PgInspector.splitQualified(written);
            String schema = parts.size() == 2 ? parts.get(0) : one(c, "SELECT coalesce(current_schema(), 'public')");
            return new TableName(schema, parts.get(parts.size() - 1));
        }
    }

    @Override
    public List<Leftover> find(Connection c) throws SQLException {
        Map<TableName, String[]> helpers = new LinkedHashMap<>(); // name -> {comment, bytes}
        Set<TableName> tables = new LinkedHashSet<>();
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(
                "SELECT n.nspname, c.relname, CASE WHEN c.relname ~ '_osc_(new|fence|state|probe|old)$' "
                        + "THEN obj_description(c.oid, 'pg_class') END, CASE WHEN c.relname ~ '_osc_old$' "
                        + "THEN pg_total_relation_size(c.oid) END FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
                        + "WHERE c.relkind IN ('r', 'p') AND n.nspname <> 'information_schema' AND n.nspname NOT LIKE 'pg\\_%' "
                        + "ORDER BY 1, 2")) {
            while (rs.next()) {
                TableName t = new TableName(rs.getString(1), rs.getString(2));
                tables.add(t);
                if (HELPER.matcher(t.name()).find()) {
                    helpers.put(t, new String[] {rs.getString(3), rs.getString(4)});
                }
            }
        }
        List<Leftover> out = new ArrayList<>();
        Map<TableName, TableName> owners = new HashMap<>();
        for (TableName source : tables) {
            for (TableName helper : helperNames(source)) {
                if (helpers.containsKey(helper)) {
                    owners.putIfAbsent(helper, source);
                }
            }
        }
        for (Map.Entry<TableName, String[]> h : helpers.entrySet()) {
            TableName owner = owners.get(h.getKey());
            Matcher m = HELPER.matcher(h.getKey().name());
            m.find();
            if (owner == null) {
                // the table is gone: the name as the rule makes it, when it was not cut
                String name = h.getKey().name();
                if (!name.startsWith("_")) {
                    continue;
                }
                owner = new TableName(h.getKey().schema(), name.substring(1, m.start()));
            }
            Kind kind = SUFFIXES.get(m.group(1));
            if (kind == Kind.OLD_TABLE) {
                String bytes = h.getValue()[1];
                out.add(Leftover.oldTable(h.getKey(), owner, keptAt(h.getValue()[0]), bytes == null ? null : Long.parseLong(bytes)));
            } else {
                out.add(Leftover.helper(kind, h.getKey(), owner, kind == Kind.STATE ? runId(c, h.getKey()) : null));
            }
        }
        out.addAll(streams(c, out));
        return out;
    }

    private static List<TableName> helperNames(TableName source) {
        PgRunNames names = new PgRunNames(source, "");
        return List.of(names.shadow(), names.fence(), names.state(), names.probe(), names.old());
    }

    /** The run id in a state table (one row per table: the state table is created afresh by each run), null when unreadable. */
    private static String runId(Connection c, TableName state) throws SQLException {
        try (Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT run_id FROM " + PgIdentifiers.quote(state) + " ORDER BY updated_at DESC LIMIT 1")) {
            return rs.next() ? rs.getString(1) : null;
        } catch (SQLException notOurs) {
            return null;
        }
    }

    /** The slots (of this database) and publications named osc_...; their table from the publication, or a state row naming the run. */
    private List<Leftover> streams(Connection c, List<Leftover> helpers) throws SQLException {
        Map<String, TableName> byRun = new HashMap<>();
        for (Leftover h : helpers) {
            if (h.runId() != null) {
                byRun.put(new PgRunNames(h.table(), h.runId()).slot(), h.table());
            }
        }
        Map<String, TableName> publications = new LinkedHashMap<>();
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(
                "SELECT p.pubname, n.nspname, c.relname FROM pg_publication p LEFT JOIN pg_publication_rel r ON r.prpubid = p.oid "
                        + "LEFT JOIN pg_class c ON c.oid = r.prrelid LEFT JOIN pg_namespace n ON n.oid = c.relnamespace "
                        + "WHERE p.pubname LIKE 'osc\\_%' ORDER BY 1, 3")) {
            while (rs.next()) {
                String pub = rs.getString(1);
                publications.putIfAbsent(pub, byRun.get(pub));
                if (rs.getString(3) != null && !HELPER.matcher(rs.getString(3)).find()) {
                    publications.put(pub, new TableName(rs.getString(2), rs.getString(3)));
                }
            }
        }
        List<Leftover> out = new ArrayList<>();
        Set<String> read = new HashSet<>();
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT slot_name, active FROM pg_replication_slots "
                + "WHERE slot_name LIKE 'osc\\_%' AND database = current_database() ORDER BY 1")) {
            while (rs.next()) {
                String slot = rs.getString(1);
                TableName table = publications.containsKey(slot) ? publications.get(slot) : byRun.get(slot);
                out.add(Leftover.stream(Kind.SLOT, slot, table, slot.substring(4), rs.getBoolean(2)));
                if (rs.getBoolean(2)) {
                    read.add(slot);
                }
            }
        }
        // a publication a consumer reads through its slot is in use with it
        publications.forEach((pub, table) -> out.add(Leftover.stream(Kind.PUBLICATION, pub, table, pub.substring(4), read.contains(pub))));
        return out;
    }

    @Override
    public void remove(Connection c, Leftover item) throws SQLException {
        switch (item.kind()) {
            case SLOT -> {
                // the slot's name is the run's: the names' table does not enter it
                TableName table = item.table() != null ? item.table() : new TableName("public", "unknown");
                new PgStreamSetup(connector, new PgRunNames(table, item.runId())).dropSlotAndPublication(c);
            }
            case PUBLICATION -> {
                try (Statement st = c.createStatement()) {
                    st.execute("DROP PUBLICATION IF EXISTS " + PgIdentifiers.quote(item.name()));
                }
            }
            default -> PgHelperTables.INSTANCE.dropTables(c, List.of(item.relation()));
        }
    }

    @Override
    public AutoCloseable tryLock(TableName table) throws SQLException {
        return RunLock.tryAcquire(connector::open, PgHelperTables.INSTANCE, table);
    }

    @Override
    public List<String> runSessions(Connection c, TableName table, List<String> runIds) throws SQLException {
        return sessions(c, table, runIds, false);
    }

    @Override
    public List<String> endRun(Connection c, TableName table, List<String> runIds) throws SQLException {
        return sessions(c, table, runIds, true);
    }

    /** The lock holder, the sessions named after the run ids and the slots' readers; terminated when {@code end} (not the run's own cleanup). */
    private static List<String> sessions(Connection c, TableName table, List<String> runIds, boolean end) throws SQLException {
        Map<Integer, String> found = new LinkedHashMap<>();
        Long holder = RunLock.holder(c, PgHelperTables.INSTANCE, table);
        if (holder != null) {
            found.put(holder.intValue(), "the run lock's session");
        }
        for (String runId : runIds) {
            try (PreparedStatement ps = c.prepareStatement("SELECT pid, application_name FROM pg_stat_activity "
                    + "WHERE pid <> pg_backend_pid() AND right(application_name, ?) = ? ORDER BY pid")) {
                ps.setInt(1, runId.length() + 1);
                ps.setString(2, " " + runId);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        found.putIfAbsent(rs.getInt(1), rs.getString(2));
                    }
                }
            }
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT active_pid FROM pg_replication_slots WHERE slot_name = ? AND active_pid IS NOT NULL")) {
                ps.setString(1, new PgRunNames(table, runId).slot());
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        found.putIfAbsent(rs.getInt(1), "the change stream");
                    }
                }
            }
        }
        List<String> out = new ArrayList<>();
        for (Map.Entry<Integer, String> s : found.entrySet()) {
            if (end && s.getValue().startsWith("osc cleanup ")) {
                continue;
            }
            if (end) {
                try (PreparedStatement ps = c.prepareStatement("SELECT pg_terminate_backend(?)")) {
                    ps.setInt(1, s.getKey());
                    ps.execute();
                }
            }
            out.add(s.getValue() + " (pid " + s.getKey() + ")");
        }
        return out;
    }

    @Override
    public Instant now(Connection c) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT now()")) {
            rs.next();
            return rs.getTimestamp(1).toInstant();
        }
    }

    private static String one(Connection c, String sql) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }
}
