package dev.osc.engine.mysql;

import dev.osc.engine.run.Connector;
import dev.osc.engine.run.OscException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;
import java.util.Set;

/**
 * Connections to one MySQL-family database with the MariaDB JDBC driver (for MariaDB and MySQL
 * alike; {@code jdbc:mysql://} URLs are accepted and rewritten), each named by its role
 * ({@code program_name}), in strict mode and REPEATABLE READ.
 */
public final class MyConnector extends Connector {

    public MyConnector(String url, String user, String password) {
        super(normalized(url), user, password, "mariadb", 3306, false, Set.of("allowMultiQueries"));
    }

    private static String normalized(String url) {
        if (url == null || !(url.startsWith("jdbc:mariadb://") || url.startsWith("jdbc:mysql://"))) {
            throw OscException.badInput("--url must be jdbc:mariadb://HOST[:PORT]/DATABASE or jdbc:mysql://HOST[:PORT]/DATABASE");
        }
        return "jdbc:mariadb://" + url.substring(url.indexOf("//") + 2);
    }

    @Override
    public Connection open(String role) throws SQLException {
        Properties props = credentials();
        props.setProperty("connectTimeout", "10000");
        props.setProperty("tcpKeepAlive", "true");
        props.setProperty("connectionAttributes", "program_name:" + role.replace(',', ' ').replace(':', ' '));
        Connection c = DriverManager.getConnection(url(), props);
        try (var st = c.createStatement()) {
            st.execute("SET SESSION sql_mode = CONCAT(@@sql_mode, ',STRICT_TRANS_TABLES,NO_ENGINE_SUBSTITUTION')");
            st.execute("SET SESSION TRANSACTION ISOLATION LEVEL REPEATABLE READ");
        } catch (SQLException e) {
            c.close();
            throw e;
        }
        return c;
    }
}
