package dev.osc.bench;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The server's version and the settings that move writers' stalls during a large copy, as the
 * run found them: every tool in one run meets the same ones, a run on other settings does not
 * compare. On MariaDB with {@code sync_binlog=0}, for one, closing each full binlog flushes it
 * and holds every commit for hundreds of milliseconds, whichever tool wrote it.
 */
record ServerSettings(Map<String, String> values) {
    private static final List<String> MARIADB = List.of("version", "sync_binlog", "max_binlog_size", "innodb_flush_log_at_trx_commit",
            "innodb_buffer_pool_size", "innodb_log_file_size", "binlog_format");
    private static final List<String> POSTGRESQL = List.of("server_version", "synchronous_commit", "shared_buffers", "max_wal_size",
            "wal_level", "max_parallel_maintenance_workers");

    static ServerSettings read(Connection c, boolean pg) throws SQLException {
        Map<String, String> values = new LinkedHashMap<>();
        try (Statement s = c.createStatement()) {
            for (String name : pg ? POSTGRESQL : MARIADB) {
                // the names are the constants above, never input
                try (ResultSet rs = s.executeQuery(pg ? "SHOW " + name : "SELECT @@" + name)) {
                    rs.next();
                    values.put(name, rs.getString(1));
                }
            }
        }
        return new ServerSettings(Collections.unmodifiableMap(values));
    }

    /** One line for the report: {@code name=value, ...} in a fixed order. */
    String line() {
        return values.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(", "));
    }
}
