package dev.osc.engine.it;

import dev.osc.engine.testkit.EmbeddedPg;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * The PostgreSQL the tests run against: {@code OSC_TEST_PG_URL} when set (a real server with
 * wal_level=logical), otherwise one embedded server per test JVM, stopped at exit.
 */
public final class TestPg {
    private static String url;

    private TestPg() {
    }

    public static synchronized String url() {
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
                    }));
                    url = pg.url();
                } catch (Exception e) {
                    throw new IllegalStateException("cannot start the embedded PostgreSQL", e);
                }
            }
        }
        return url;
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

    /** What osc runs leave behind: slots, publications and tables with osc's suffixes. */
    public static List<String> leftovers() throws SQLException {
        List<String> out = new ArrayList<>();
        out.addAll(strings("SELECT 'slot ' || slot_name FROM pg_replication_slots WHERE slot_name LIKE 'osc\\_%'"));
        out.addAll(strings("SELECT 'publication ' || pubname FROM pg_publication WHERE pubname LIKE 'osc\\_%'"));
        out.addAll(strings("SELECT 'table ' || relname FROM pg_class WHERE relkind = 'r' AND "
                + "(relname LIKE '%\\_osc\\_new' OR relname LIKE '%\\_osc\\_fence' OR relname LIKE '%\\_osc\\_state' OR relname LIKE '%\\_osc\\_probe')"));
        return out;
    }
}
