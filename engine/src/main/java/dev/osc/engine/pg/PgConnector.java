package dev.osc.engine.pg;

import dev.osc.engine.run.JdbcUrls;
import dev.osc.engine.run.OscException;
import java.net.URI;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;

/**
 * Opens connections to one PostgreSQL database. Holds the credentials and never shows them:
 * {@link #toString()} and every message name only host, port and database.
 */
public final class PgConnector {
    private final String url;
    private final String user;
    private final String password;
    private final String host;
    private final int port;
    private final String database;

    public PgConnector(String url, String user, String password) {
        if (url == null || !url.startsWith("jdbc:postgresql:")) {
            throw OscException.badInput("--url must be a PostgreSQL JDBC URL: jdbc:postgresql://HOST[:PORT]/DATABASE");
        }
        java.util.Map<String, String> params = JdbcUrls.queryParameters(url);
        this.user = user != null ? user : params.get("user");
        this.password = password != null ? password : params.get("password");
        this.url = JdbcUrls.without(url, java.util.Set.of());
        try {
            String rest = this.url.substring("jdbc:".length());
            if (rest.substring(0, rest.indexOf('/', "postgresql://".length()) < 0 ? rest.length() : rest.indexOf('/', "postgresql://".length())).contains(",")) {
                throw OscException.badInput("--url with several hosts is not supported: name one server");
            }
            URI uri = URI.create(rest);
            if (uri.getHost() == null && uri.getAuthority() != null) {
                throw OscException.badInput("--url has an invalid host or port (expected jdbc:postgresql://HOST[:PORT]/DATABASE)");
            }
            this.host = uri.getHost() == null ? "localhost" : uri.getHost();
            this.port = uri.getPort() < 0 ? 5432 : uri.getPort();
            String path = uri.getPath() == null ? "" : uri.getPath();
            this.database = path.startsWith("/") ? path.substring(1) : path;
        } catch (IllegalArgumentException e) {
            throw OscException.badInput("--url is not a valid JDBC URL (expected jdbc:postgresql://HOST[:PORT]/DATABASE)");
        }
        if (database.isEmpty()) {
            throw OscException.badInput("--url names no database (expected jdbc:postgresql://HOST[:PORT]/DATABASE)");
        }
    }

    /** Opens a connection tagged with an application name so an operator can find it. */
    public Connection open(String applicationName) throws SQLException {
        Properties props = new Properties();
        if (user != null) {
            props.setProperty("user", user);
        }
        if (password != null) {
            props.setProperty("password", password);
        }
        props.setProperty("ApplicationName", applicationName);
        props.setProperty("connectTimeout", "10");
        props.setProperty("tcpKeepAlive", "true");
        return DriverManager.getConnection(url, props);
    }

    /** Opens the first connection of a command, mapping connection problems to exit status 2. */
    public Connection openChecked(String applicationName) {
        try {
            return open(applicationName);
        } catch (SQLException e) {
            if (PgErrors.isConnectionProblem(e)) {
                throw OscException.badInput("cannot connect to " + this + ": " + oneLine(e));
            }
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
        return "postgresql://" + host + ":" + port + "/" + database;
    }

    public static String oneLine(Throwable e) {
        return JdbcUrls.oneLine(e);
    }

}
