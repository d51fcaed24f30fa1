package dev.osc.engine.scenario;

import dev.osc.engine.testkit.DemoTable;
import dev.osc.engine.testkit.EmbeddedMaria;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Assumptions;

/**
 * The MariaDB the tests run against: {@code OSC_TEST_MYSQL_URL} when set (a real server with a
 * row-based binary log), otherwise one private server per test JVM, stopped at exit. Without an
 * installed server the tests that need one are skipped, unless OSC_REQUIRE_MYSQL=1 (as in .ci/run).
 */
final class MariaTestDatabase implements TestDatabase {
    static final MariaTestDatabase INSTANCE = new MariaTestDatabase();
    static final String SKIPPED = "MariaDB tests skipped: install mariadb-server (.ci/run does) or set OSC_TEST_MYSQL_URL";

    private String url;

    private MariaTestDatabase() {
    }

    /** The server at {@code url} (a private one a test starts for itself). */
    MariaTestDatabase(String url) {
        this.url = url;
    }

    /** True when a server is given or installed, or when one is required (then a missing one fails, not skips). */
    static boolean available() {
        String external = System.getenv("OSC_TEST_MYSQL_URL");
        return (external != null && !external.isBlank()) || EmbeddedMaria.installed()
                || "1".equals(System.getenv("OSC_REQUIRE_MYSQL"));
    }

    @Override
    public Db db() {
        return Db.MARIADB;
    }

    @Override
    public synchronized String url() {
        if (url == null) {
            Assumptions.assumeTrue(available(), SKIPPED);
            String external = System.getenv("OSC_TEST_MYSQL_URL");
            if (external != null && !external.isBlank()) {
                url = external;
            } else {
                try {
                    EmbeddedMaria maria = EmbeddedMaria.start();
                    Runtime.getRuntime().addShutdownHook(new Thread(maria::close, "embedded-maria-stop"));
                    url = maria.url();
                } catch (Exception e) {
                    throw new IllegalStateException("cannot start the embedded MariaDB", e);
                }
            }
        }
        return url;
    }

    @Override
    public Connection connectAs(String role) throws SQLException {
        Properties props = new Properties();
        props.setProperty("connectionAttributes", "program_name:" + role);
        return DriverManager.getConnection(url(), props);
    }

    @Override
    public String quote(String identifier) {
        return "`" + identifier.replace("`", "``") + "`";
    }

    @Override
    public void dropTables(String... names) throws SQLException {
        for (String name : names) {
            exec("DROP TABLE IF EXISTS " + quote(name));
        }
    }

    private static String literal(String s) {
        return "'" + s.replace("\\", "\\\\").replace("'", "''") + "'";
    }

    @Override
    public boolean tableExists(String name) throws SQLException {
        return number("SELECT COUNT(*) FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = "
                + literal(name)) > 0;
    }

    @Override
    public String columnType(String table, String column) throws SQLException {
        List<String> types = strings("SELECT COLUMN_TYPE FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = DATABASE() "
                + "AND TABLE_NAME = " + literal(table) + " AND COLUMN_NAME = " + literal(column));
        return types.isEmpty() ? null : types.get(0);
    }

    @Override
    public String fingerprint(String table) throws SQLException {
        if (!tableExists(table)) {
            return null;
        }
        String checksum;
        try (Connection c = connect(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("CHECKSUM TABLE " + quote(table) + " EXTENDED")) {
            rs.next();
            checksum = rs.getString(2);
        }
        return String.join(",", strings("SELECT CONCAT(COLUMN_NAME, ' ', COLUMN_TYPE) FROM information_schema.COLUMNS "
                + "WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = " + literal(table) + " ORDER BY ORDINAL_POSITION"))
                + "|" + number("SELECT COUNT(*) FROM " + quote(table))
                + "|" + checksum
                + "|" + strings("SELECT TABLE_ID FROM information_schema.INNODB_SYS_TABLES WHERE NAME = CONCAT(DATABASE(), '/', "
                + literal(table) + ")");
    }

    @Override
    public String databaseFingerprint() throws SQLException {
        List<String> out = new ArrayList<>();
        try (Connection c = connect(); Statement st = c.createStatement()) {
            List<String[]> tables = new ArrayList<>();
            try (ResultSet rs = st.executeQuery("SELECT TABLE_NAME, TABLE_TYPE FROM information_schema.TABLES "
                    + "WHERE TABLE_SCHEMA = DATABASE() ORDER BY TABLE_NAME")) {
                while (rs.next()) {
                    tables.add(new String[] {rs.getString(1), rs.getString(2)});
                }
            }
            for (String[] t : tables) {
                StringBuilder line = new StringBuilder(t[0]).append(' ').append(t[1]).append(' ');
                try (ResultSet rs = st.executeQuery("SHOW CREATE TABLE " + quote(t[0]))) {
                    rs.next();
                    line.append(rs.getString(2));
                }
                if (t[1].equals("BASE TABLE")) {
                    try (ResultSet rs = st.executeQuery("CHECKSUM TABLE " + quote(t[0]) + " EXTENDED")) {
                        rs.next();
                        line.append(" checksum ").append(rs.getString(2));
                    }
                    line.append(" rows ").append(number("SELECT COUNT(*) FROM " + quote(t[0])));
                    line.append(" id ").append(strings("SELECT TABLE_ID FROM information_schema.INNODB_SYS_TABLES "
                            + "WHERE NAME = CONCAT(DATABASE(), '/', " + literal(t[0]) + ")"));
                }
                out.add(line.toString());
            }
        }
        out.addAll(strings("SELECT CONCAT_WS(' ', TRIGGER_NAME, EVENT_OBJECT_TABLE, ACTION_TIMING, EVENT_MANIPULATION, "
                + "ACTION_STATEMENT) FROM information_schema.TRIGGERS WHERE TRIGGER_SCHEMA = DATABASE() ORDER BY TRIGGER_NAME"));
        return String.join("\n", out);
    }

    @Override
    public Login passwordLogin(String user, String password) throws Exception {
        String account = literal(user) + "@'127.0.0.1'";
        exec("CREATE USER IF NOT EXISTS " + account + " IDENTIFIED BY " + literal(password),
                "ALTER USER " + account + " IDENTIFIED BY " + literal(password),
                "GRANT REPLICATION SLAVE, REPLICATION CLIENT, BINLOG MONITOR ON *.* TO " + account,
                "GRANT ALL PRIVILEGES ON " + quote(strings("SELECT DATABASE()").get(0)) + ".* TO " + account);
        String url = url();
        return new Login(url.contains("?") ? url.substring(0, url.indexOf('?')) : url, user, password);
    }

    @Override
    public void handOver(String table, String user) {
        // the grants on the database are enough
    }

    @Override
    public DemoTable demoTable(String table) {
        return DemoTable.mariadb(table);
    }

    /** Connections by the program name osc gives them (needs performance_schema, which the private server has on). */
    private List<String> connectionsLike(String role) throws SQLException {
        return strings("SELECT CONCAT(PROCESSLIST_ID, ' ', ATTR_VALUE) FROM performance_schema.session_connect_attrs "
                + "WHERE ATTR_NAME = 'program_name' AND ATTR_VALUE LIKE " + literal(role) + " AND PROCESSLIST_ID <> CONNECTION_ID()");
    }

    @Override
    public int killConnections(String role) throws SQLException {
        List<String> found = connectionsLike(role);
        for (String c : found) {
            exec("KILL " + Long.parseLong(c.substring(0, c.indexOf(' '))));
        }
        return found.size();
    }

    @Override
    public List<String> leftovers() throws SQLException {
        List<String> out = new ArrayList<>();
        for (String c : connectionsLike("osc%")) {
            out.add("connection " + c.substring(c.indexOf(' ') + 1));
        }
        out.addAll(strings("SELECT CONCAT('table ', table_name) FROM information_schema.tables "
                + "WHERE table_schema = DATABASE() AND table_type = 'BASE TABLE' AND (table_name LIKE '%\\_osc\\_new' "
                + "OR table_name LIKE '%\\_osc\\_fence' OR table_name LIKE '%\\_osc\\_state' OR table_name LIKE '%\\_osc\\_probe' "
                + "OR table_name LIKE '%\\_osc\\_del') ORDER BY table_name"));
        return out;
    }

    @Override
    public List<String> oldTables() throws SQLException {
        return strings("SELECT CONCAT('table ', table_name) FROM information_schema.tables WHERE table_schema = DATABASE() "
                + "AND table_type = 'BASE TABLE' AND table_name LIKE '%\\_osc\\_old' ORDER BY table_name");
    }
}
