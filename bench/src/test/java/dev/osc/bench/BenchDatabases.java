package dev.osc.bench;

import dev.osc.engine.testkit.EmbeddedMaria;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Assumptions;

/** Helpers for the bench tests that run against real servers. */
final class BenchDatabases {
    private BenchDatabases() {
    }

    /** Skips a MariaDB test where no server is installed, unless OSC_REQUIRE_MYSQL=1 (as in .ci/run). */
    static void requireMaria() {
        Assumptions.assumeTrue(EmbeddedMaria.installed() || "1".equals(System.getenv("OSC_REQUIRE_MYSQL")),
                "MariaDB tests skipped: install mariadb-server (.ci/run does)");
    }

    static long number(String url, String sql) throws Exception {
        return first(url, sql, rs -> rs.getLong(1));
    }

    static String text(String url, String sql) throws Exception {
        return first(url, sql, rs -> rs.getString(1));
    }

    private interface Column<T> {
        T read(ResultSet rs) throws java.sql.SQLException;
    }

    private static <T> T first(String url, String sql, Column<T> column) throws Exception {
        try (Connection c = DriverManager.getConnection(url); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return column.read(rs);
        }
    }

    static boolean tableExists(String url, String table) throws Exception {
        String sql = url.startsWith("jdbc:postgresql:")
                ? "SELECT count(*) FROM pg_class WHERE relname = '" + table + "' AND relkind = 'r'"
                : "SELECT count(*) FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = '" + table + "'";
        return number(url, sql) > 0;
    }

    static void execute(String url, String sql) throws Exception {
        try (Connection c = DriverManager.getConnection(url); Statement st = c.createStatement()) {
            st.execute(sql);
        }
    }
}
