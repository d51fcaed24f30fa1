package dev.osc.engine.mysql;

import java.util.Properties;
import dev.osc.engine.shadow.StreamProperties;
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
        String id = "osc_" + names.runId().toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9_]", "_");
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

    private String tableRegex(String table) {
        return Pattern.quote(names.source().schema()) + "\\." + Pattern.quote(table);
    }
}
