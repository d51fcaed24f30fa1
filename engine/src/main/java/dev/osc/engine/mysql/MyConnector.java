package dev.osc.engine.mysql;

import dev.osc.engine.run.JdbcUrls;
import dev.osc.engine.run.OscException;
import java.net.URI;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;

/**
 * Opens connections to one MySQL-family database with the MariaDB JDBC driver (for MariaDB and
 * MySQL alike; {@code jdbc:mysql://} URLs are accepted and rewritten). Holds the credentials and
 * never shows them.
 */
public final class MyConnector {
    private final String url;
    private final String user;
    private final String password;
    private final String host;
    private final int port;
    private final String database;

    public MyConnector(String url, String user, String password) {
        if (url == null || !(url.startsWith("jdbc:mariadb://") || url.startsWith("jdbc:mysql://"))) {
            throw OscException.badInput("--url must be jdbc:mariadb://HOST[:PORT]/DATABASE or jdbc:mysql://HOST[:PORT]/DATABASE");
        }
        String normalized = "jdbc:mariadb://" + url.substring(url.indexOf("//") + 2);
        java.util.Map<String, String> params = JdbcUrls.queryParameters(normalized);
        this.user = user != null ? user : params.get("user");
        this.password = password != null ? password : params.get("password");
        this.url = JdbcUrls.without(normalized, java.util.Set.of("allowMultiQueries"));
        String rest = this.url.substring("jdbc:".length());
        int slash = rest.indexOf('/', "mariadb://".length());
        if ((slash < 0 ? rest : rest.substring(0, slash)).contains(",")) {
            throw OscException.badInput("--url with several hosts is not supported: name one server");
        }
        URI uri;
        try {
            uri = URI.create(rest);
        } catch (IllegalArgumentException e) {
            throw OscException.badInput("--url is not a valid JDBC URL (expected jdbc:mariadb://HOST[:PORT]/DATABASE)");
        }
        if (uri.getHost() == null) {
            throw OscException.badInput("--url has an invalid host or port (expected jdbc:mariadb://HOST[:PORT]/DATABASE)");
        }
        this.host = uri.getHost();
        this.port = uri.getPort() < 0 ? 3306 : uri.getPort();
        String path = uri.getPath() == null ? "" : uri.getPath();
        this.database = path.startsWith("/") ? path.substring(1) : path;
        if (database.isEmpty()) {
            throw OscException.badInput("--url names no database (expected jdbc:mariadb://HOST[:PORT]/DATABASE)");
        }
    }

    public Connection open(String role) throws SQLException {
        Properties props = new Properties();
        if (user != null) {
            props.setProperty("user", user);
        }
        if (password != null) {
            props.setProperty("password", password);
        }
        props.setProperty("connectTimeout", "10000");
        props.setProperty("tcpKeepAlive", "true");
        props.setProperty("connectionAttributes", "program_name:" + role.replace(',', ' ').replace(':', ' '));
        Connection c = DriverManager.getConnection(url, props);
        try (var st = c.createStatement()) {
            st.execute("SET SESSION sql_mode = CONCAT(@@sql_mode, ',STRICT_TRANS_TABLES,NO_ENGINE_SUBSTITUTION')");
            st.execute("SET SESSION TRANSACTION ISOLATION LEVEL REPEATABLE READ");
        }
        return c;
    }

    /** The first connection of a command: connection problems become exit status 2. */
    public Connection openChecked(String role) {
        try {
            return open(role);
        } catch (SQLException e) {
            throw OscException.badInput("cannot connect to " + this + ": " + oneLine(e));
        }
    }

    public String host() {
        return host;
    }

    public int port() {
        return port;
    }

    public String database() {
        return database;
    }

    public String user() {
        return user;
    }

    String password() {
        return password;
    }

    @Override
    public String toString() {
        return "mariadb://" + host + ":" + port + "/" + database;
    }

    public static String oneLine(Throwable e) {
        return JdbcUrls.oneLine(e);
    }

}
