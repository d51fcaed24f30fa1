package dev.osc.engine.mysql;

import dev.osc.cdc.DurableOffsetStore;
import dev.osc.engine.shadow.StreamProperties;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

/**
 * The MySQL-family side of the change stream: the Debezium MariaDB connector on the binlog of the
 * source and fence tables only, no snapshot (data or global lock), the schema history in memory.
 */
public final class MyStreamSetup {
    private final MyConnector connector;
    private final MyRunNames names;

    public MyStreamSetup(MyConnector connector, MyRunNames names) {
        this.connector = connector;
        this.names = names;
    }

    public Properties connectorProperties() {
        return connectorProperties(false);
    }

    /**
     * {@code withShadow}: the shadow's binlog events are read too (and left unused), so that the
     * schema history knows the shadow's definition when the swap renames it to the table's name:
     * a revert window follows the new table on the same stream.
     */
    public Properties connectorProperties(boolean withShadow) {
        String id = connectorName();
        Properties p = StreamProperties.common(id, connector);
        p.setProperty("connector.class", "io.debezium.connector.mariadb.MariaDbConnector");
        p.setProperty("database.server.id", Long.toString(ThreadLocalRandom.current().nextLong(100_000, 2_000_000_000L)));
        p.setProperty("database.include.list", Pattern.quote(names.source().schema()));
        p.setProperty("table.include.list", tableRegex(names.source().name()) + "," + tableRegex(names.fence().name())
                + (withShadow ? "," + tableRegex(names.shadow().name()) : ""));
        p.setProperty("snapshot.locking.mode", "none");
        // the history lives as long as the stream: osc refuses any DDL on the source during a run, so a restarted
        // stream can rebuild it from the catalog as it stands (nothing written to /tmp, nothing left by a kill -9)
        p.setProperty("schema.history.internal", "io.debezium.relational.history.MemorySchemaHistory");
        p.setProperty("schema.history.internal.store.only.captured.tables.ddl", "true");
        p.setProperty("include.schema.changes", "false");
        p.setProperty("bigint.unsigned.handling.mode", "precise");
        p.setProperty("database.ssl.mode", "disable");
        p.setProperty("connect.timeout.ms", "10000");
        return p;
    }

    /**
     * The binlog position now, as the offsets a stream started on them starts from (in recovery
     * mode, which rebuilds the schema history from the catalog first, as a resumed run's does).
     * Every transaction committed after this call is in the binlog after it; one committed before
     * and not yet visible to others is waited for by the copy's locking reads (invariant 7). The
     * connector resumes from the GTID set (it requires one), so that is read first: a commit
     * between the two reads lies after the set and is streamed.
     */
    public String currentPosition(Connection c) throws SQLException {
        try (Statement st = c.createStatement()) {
            String gtids;
            try (ResultSet rs = st.executeQuery("SELECT @@GLOBAL.gtid_binlog_pos")) {
                rs.next();
                gtids = rs.getString(1);
            }
            try (ResultSet rs = st.executeQuery("SHOW MASTER STATUS")) {
                if (!rs.next()) {
                    throw new SQLException("SHOW MASTER STATUS returned no binlog position");
                }
                Map<String, Object> offset = new java.util.LinkedHashMap<>();
                offset.put("file", rs.getString(1));
                offset.put("pos", rs.getLong(2));
                offset.put("gtids", gtids == null ? "" : gtids);
                String id = connectorName();
                return DurableOffsetStore.startingAt(id, Map.of("server", id), offset);
            }
        }
    }

    private String connectorName() {
        return "osc_" + names.runId().toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9_]", "_");
    }

    private String tableRegex(String table) {
        return Pattern.quote(names.source().schema()) + "\\." + Pattern.quote(table);
    }
}
