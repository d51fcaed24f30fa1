package dev.osc.engine.scenario;

import dev.osc.engine.testkit.DemoTable;
import dev.osc.engine.testkit.EmbeddedPg;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * The PostgreSQL the tests run against: {@code OSC_TEST_PG_URL} when set (a real server with
 * wal_level=logical), otherwise one embedded server per test JVM, stopped at exit.
 */
final class PgTestDatabase implements TestDatabase {
    static final PgTestDatabase INSTANCE = new PgTestDatabase();

    private String url;

    private PgTestDatabase() {
    }

    /** The server at {@code url} (a private one a test starts for itself). */
    PgTestDatabase(String url) {
        this.url = url;
    }

    @Override
    public Db db() {
        return Db.POSTGRES;
    }

    @Override
    public synchronized String url() {
        if (url == null) {
            String external = System.getenv("OSC_TEST_PG_URL");
            if (external != null && !external.isBlank()) {
                url = external;
            } else {
                try {
                    EmbeddedPg pg = EmbeddedPg.start();
                    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                        try {
                            pg.close();
                        } catch (Exception ignored) {
                            // the JVM is exiting
                        }
                    }, "embedded-pg-stop"));
                    url = pg.url();
                } catch (Exception e) {
                    throw new IllegalStateException("cannot start the embedded PostgreSQL", e);
                }
            }
        }
        return url;
    }

    @Override
    public Connection connectAs(String role) throws SQLException {
        Properties props = new Properties();
        props.setProperty("ApplicationName", role);
        return DriverManager.getConnection(url(), props);
    }

    @Override
    public String quote(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }

    @Override
    public void dropTables(String... names) throws SQLException {
        for (String name : names) {
            exec("DROP TABLE IF EXISTS " + quote(name) + " CASCADE");
        }
    }

    @Override
    public boolean tableExists(String name) throws SQLException {
        return number("SELECT count(*) FROM pg_class WHERE relkind = 'r' AND relname = '" + name.replace("'", "''")
                + "' AND relnamespace = current_schema()::regnamespace") > 0;
    }

    private static String regclass(String table) {
        return "'public." + table.replace("'", "''") + "'::regclass";
    }

    @Override
    public String columnType(String table, String column) throws SQLException {
        List<String> types = strings("SELECT format_type(atttypid, atttypmod) FROM pg_attribute WHERE attrelid = "
                + regclass(table) + " AND attname = '" + column.replace("'", "''") + "' AND NOT attisdropped");
        return types.isEmpty() ? null : types.get(0);
    }

    @Override
    public String fingerprint(String table) throws SQLException {
        if (!tableExists(table)) {
            return null;
        }
        return String.join(",", strings("SELECT attname || ' ' || format_type(atttypid, atttypmod) FROM pg_attribute "
                + "WHERE attrelid = " + regclass(table) + " AND attnum > 0 AND NOT attisdropped ORDER BY attnum"))
                + "|" + number("SELECT count(*) FROM " + quote(table))
                + "|" + strings("SELECT md5(string_agg(t::text, ',' ORDER BY t::text)) FROM " + quote(table) + " t").get(0)
                + "|" + number("SELECT " + regclass(table) + "::oid::bigint");
    }

    @Override
    public String databaseFingerprint() throws SQLException {
        String relations = "SELECT c.relname || ' ' || c.relkind::text || ' ' || c.oid::text || ' (' || coalesce((SELECT string_agg(a.attname || ' ' "
                + "|| format_type(a.atttypid, a.atttypmod) || CASE WHEN a.attnotnull THEN ' not null' ELSE '' END "
                + "|| coalesce(' default ' || pg_get_expr(d.adbin, d.adrelid), ''), ', ' ORDER BY a.attnum) FROM pg_attribute a "
                + "LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum "
                + "WHERE a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped), '') || ') constraints ' "
                + "|| coalesce((SELECT string_agg(conname || ' ' || pg_get_constraintdef(oid), ', ' ORDER BY conname) "
                + "FROM pg_constraint WHERE conrelid = c.oid), '') || ' indexes ' "
                + "|| coalesce((SELECT string_agg(pg_get_indexdef(indexrelid), ', ' ORDER BY indexrelid::regclass::text) "
                + "FROM pg_index WHERE indrelid = c.oid), '') || ' triggers ' "
                + "|| coalesce((SELECT string_agg(pg_get_triggerdef(oid), ', ' ORDER BY tgname) FROM pg_trigger "
                + "WHERE tgrelid = c.oid AND NOT tgisinternal), '') || ' options ' || coalesce(array_to_string(c.reloptions, ','), '') "
                + "|| CASE WHEN c.relkind IN ('v', 'm') THEN ' view ' || pg_get_viewdef(c.oid) ELSE '' END "
                + "FROM pg_class c WHERE c.relnamespace = current_schema()::regnamespace AND c.relkind IN ('r', 'p', 'v', 'm', 'S') "
                + "ORDER BY c.relname";
        List<String> out = new ArrayList<>(strings(relations));
        for (String table : strings("SELECT relname FROM pg_class WHERE relnamespace = current_schema()::regnamespace "
                + "AND relkind IN ('r', 'p') ORDER BY relname")) {
            out.add(table + " rows " + number("SELECT count(*) FROM " + quote(table)) + " digest "
                    + strings("SELECT md5(coalesce(string_agg(t::text, ',' ORDER BY t::text), '')) FROM " + quote(table) + " t").get(0));
        }
        return String.join("\n", out);
    }

    @Override
    public Login passwordLogin(String user, String password) throws Exception {
        String literal = "'" + password.replace("'", "''") + "'";
        if (number("SELECT count(*) FROM pg_roles WHERE rolname = '" + user + "'") == 0) {
            exec("CREATE ROLE " + quote(user) + " LOGIN REPLICATION");
        }
        exec("ALTER ROLE " + quote(user) + " LOGIN REPLICATION PASSWORD " + literal,
                "GRANT CREATE ON SCHEMA public TO " + quote(user),
                "GRANT CREATE ON DATABASE " + quote(strings("SELECT current_database()").get(0)) + " TO " + quote(user));
        requirePassword(user);
        String url = url();
        return new Login(url.contains("?") ? url.substring(0, url.indexOf('?')) : url, user, password);
    }

    /**
     * The embedded server trusts every local login: put lines for {@code user} first in its
     * pg_hba.conf, so that its password is checked (also on replication connections). A server given
     * in OSC_TEST_PG_URL is left as its operator set it up.
     */
    private void requirePassword(String user) throws Exception {
        java.nio.file.Path hba = java.nio.file.Path.of(strings("SHOW hba_file").get(0));
        if (!java.nio.file.Files.isWritable(hba)) {
            return;
        }
        String conf = java.nio.file.Files.readString(hba);
        StringBuilder lines = new StringBuilder();
        for (String database : List.of("all", "replication")) {
            for (String address : List.of("127.0.0.1/32", "::1/128")) {
                lines.append("host ").append(database).append(' ').append(user).append(' ').append(address).append(" scram-sha-256\n");
            }
        }
        if (!conf.contains(lines)) {
            java.nio.file.Files.writeString(hba, lines + conf);
            strings("SELECT pg_reload_conf()::text");
        }
    }

    @Override
    public void handOver(String table, String user) throws SQLException {
        exec("ALTER TABLE " + quote(table) + " OWNER TO " + quote(user));
    }

    @Override
    public DemoTable demoTable(String table) {
        return DemoTable.postgres(table);
    }

    @Override
    public int killConnections(String role) throws SQLException {
        return strings("SELECT pid::text FROM pg_stat_activity WHERE application_name LIKE '" + role.replace("'", "''")
                + "' AND pg_terminate_backend(pid)").size();
    }

    @Override
    public List<String> leftovers() throws SQLException {
        List<String> out = new ArrayList<>();
        out.addAll(strings("SELECT 'connection ' || application_name FROM pg_stat_activity "
                + "WHERE application_name LIKE 'osc%' AND pid <> pg_backend_pid()"));
        out.addAll(strings("SELECT 'slot ' || slot_name FROM pg_replication_slots WHERE slot_name LIKE 'osc\\_%'"));
        out.addAll(strings("SELECT 'publication ' || pubname FROM pg_publication WHERE pubname LIKE 'osc\\_%'"));
        out.addAll(strings("SELECT 'table ' || relname FROM pg_class WHERE relkind = 'r' AND (relname LIKE '%\\_osc\\_new' "
                + "OR relname LIKE '%\\_osc\\_fence' OR relname LIKE '%\\_osc\\_state' "
                + "OR relname LIKE '%\\_osc\\_probe' OR relname LIKE '%\\_osc\\_del') ORDER BY relname"));
        return out;
    }

    @Override
    public List<String> oldTables() throws SQLException {
        return strings("SELECT 'table ' || relname FROM pg_class WHERE relkind = 'r' AND relname LIKE '%\\_osc\\_old' ORDER BY relname");
    }
}
