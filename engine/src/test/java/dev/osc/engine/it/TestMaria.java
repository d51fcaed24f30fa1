package dev.osc.engine.it;

import dev.osc.engine.testkit.EmbeddedMaria;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * The MariaDB the tests run against: {@code OSC_TEST_MYSQL_URL} when set (a real server with a
 * row-based binary log), otherwise one embedded server per test JVM, stopped at exit.
 */
public final class TestMaria {
    private static String url;

    private TestMaria() {
    }

    public static synchronized String url() {
        if (url == null) {
            String external = System.getenv("OSC_TEST_MYSQL_URL");
            if (external != null && !external.isBlank()) {
                url = external;
            } else {
                requireInstalled();
                try {
                    EmbeddedMaria maria = EmbeddedMaria.start();
                    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                        try {
                            maria.close();
                        } catch (Exception ignored) {
                            // the JVM is exiting
                        }
                    }, "embedded-maria-stop"));
                    url = maria.url();
                } catch (Exception e) {
                    throw new IllegalStateException("cannot start the embedded MariaDB", e);
                }
            }
        }
        return url;
    }

    /**
     * Skips the calling test when no MariaDB server is installed and none is given by
     * OSC_TEST_MYSQL_URL, unless OSC_REQUIRE_MYSQL=1 (as in .ci/run), where a missing server fails.
     */
    public static void requireInstalled() {
        if (EmbeddedMaria.installed() || "1".equals(System.getenv("OSC_REQUIRE_MYSQL"))) {
            return;
        }
        org.junit.jupiter.api.Assumptions.assumeTrue(false,
                "MariaDB tests skipped: install mariadb-server (.ci/run does) or set OSC_TEST_MYSQL_URL");
    }

    public static Connection connect() throws SQLException {
        return DriverManager.getConnection(url());
    }

    public static void exec(String... sql) throws SQLException {
        try (Connection c = connect(); Statement st = c.createStatement()) {
            for (String s : sql) {
                st.execute(s);
            }
        }
    }

    public static List<String> strings(String sql) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Connection c = connect(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }

    public static long number(String sql) throws SQLException {
        try (Connection c = connect(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** What osc runs leave behind: tables with osc's suffixes in the current database. */
    public static List<String> leftovers() throws SQLException {
        return strings("SELECT CONCAT('table ', table_name) FROM information_schema.tables "
                + "WHERE table_schema = DATABASE() AND table_type = 'BASE TABLE' AND (table_name LIKE '%\\_osc\\_new' "
                + "OR table_name LIKE '%\\_osc\\_fence' OR table_name LIKE '%\\_osc\\_state' OR table_name LIKE '%\\_osc\\_probe' OR table_name LIKE '%\\_osc\\_del') "
                + "ORDER BY table_name");
    }
}
