package dev.osc.engine.mysql;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import dev.osc.engine.shadow.StreamProperties;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

/**
 * The MySQL-family side of the change stream: the Debezium MariaDB connector on the binlog of the
 * source and fence tables only, no snapshot (data or global lock), a file-backed schema history
 * in a temporary file that cleanup removes.
 */
public final class MyStreamSetup {
    private final MyConnector connector;
    private final MyRunNames names;
    private final Path historyFile;

    public MyStreamSetup(MyConnector connector, MyRunNames names) {
        this.connector = connector;
        this.names = names;
        this.historyFile = Path.of(System.getProperty("java.io.tmpdir"), "osc-" + names.runId() + "-schema-history.dat");
    }

    public Properties connectorProperties() {
        String id = "osc_" + names.runId().toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9_]", "_");
        Properties p = StreamProperties.common(id, connector);
        p.setProperty("connector.class", "io.debezium.connector.mariadb.MariaDbConnector");
        p.setProperty("database.server.id", Long.toString(ThreadLocalRandom.current().nextLong(100_000, 2_000_000_000L)));
        p.setProperty("database.include.list", Pattern.quote(names.source().schema()));
        p.setProperty("table.include.list", tableRegex(names.source().name()) + "," + tableRegex(names.fence().name()));
        p.setProperty("snapshot.locking.mode", "none");
        p.setProperty("schema.history.internal", "io.debezium.storage.file.history.FileSchemaHistory");
        p.setProperty("schema.history.internal.file.filename", historyFile.toString());
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

    public void removeHistory() {
        try {
            Files.deleteIfExists(historyFile);
        } catch (IOException ignored) {
            // a temporary file; nothing depends on it after the run
        }
    }
}
