package dev.osc.engine.run;

import java.net.URI;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

/**
 * Opens connections to one database from a JDBC URL. Holds the credentials and never shows them:
 * {@link #toString()} and every message name only host, port and database. The URL is parsed
 * and checked once here; what a driver needs on each connection is the dialect's.
 */
public abstract class Connector {
    private final String url;
    private final String user;
    private final String password;
    private final String host;
    private final int port;
    private final String database;
    private final String scheme;

    /**
     * {@code url} already in the driver's own form ({@code jdbc:SCHEME://...}); {@code dropParameters}
     * are removed from it; without a host, {@code localhost} is used when {@code hostOptional}.
     */
    protected Connector(String url, String user, String password, String scheme, int defaultPort, boolean hostOptional,
                        Set<String> dropParameters) {
        String expected = "jdbc:" + scheme + "://HOST[:PORT]/DATABASE";
        Map<String, String> params = JdbcUrls.queryParameters(url);
        this.scheme = scheme;
        this.user = user != null ? user : params.get("user");
        this.password = password != null ? password : params.get("password");
        this.url = JdbcUrls.without(url, dropParameters);
        String rest = this.url.substring("jdbc:".length());
        int slash = rest.indexOf('/', (scheme + "://").length());
        if ((slash < 0 ? rest : rest.substring(0, slash)).contains(",")) {
            throw OscException.badInput("--url with several hosts is not supported: name one server");
        }
        URI uri;
        try {
            uri = URI.create(rest);
        } catch (IllegalArgumentException e) {
            throw OscException.badInput("--url is not a valid JDBC URL (expected " + expected + ")");
        }
        if (uri.getRawUserInfo() != null) {
            throw OscException.badInput("--url with USER:PASSWORD@HOST is not supported (the driver would take it for the host): "
                    + "give ?user=NAME in the URL and the password with --password-env VAR");
        }
        if (uri.getHost() == null && (!hostOptional || uri.getAuthority() != null)) {
            throw OscException.badInput("--url has an invalid host or port (expected " + expected + ")");
        }
        this.host = uri.getHost() == null ? "localhost" : uri.getHost();
        this.port = uri.getPort() < 0 ? defaultPort : uri.getPort();
        String path = uri.getPath() == null ? "" : uri.getPath();
        this.database = path.startsWith("/") ? path.substring(1) : path;
        if (database.isEmpty()) {
            throw OscException.badInput("--url names no database (expected " + expected + ")");
        }
    }

    /** Opens a connection tagged with {@code role}, so an operator can find it. */
    public abstract Connection open(String role) throws SQLException;

    /** Opens the first connection of a command: connection problems become exit status 2. */
    public Connection openChecked(String role) {
        try {
            return open(role);
        } catch (SQLException e) {
            throw OscException.badInput("cannot connect to " + this + ": " + oneLine(e));
        }
    }

    /** The driver URL (without credentials taken out of it). */
    protected String url() {
        return url;
    }

    /** The credentials as driver properties, for a dialect to add its own to. */
    protected Properties credentials() {
        Properties props = new Properties();
        if (user != null) {
            props.setProperty("user", user);
        }
        if (password != null) {
            props.setProperty("password", password);
        }
        return props;
    }

    /** The connection settings of a change stream connector: host, port, and the credentials when given. */
    public Properties streamConnection() {
        Properties p = new Properties();
        p.setProperty("database.hostname", host);
        p.setProperty("database.port", Integer.toString(port));
        if (user != null) {
            p.setProperty("database.user", user);
        }
        if (password != null) {
            p.setProperty("database.password", password);
        }
        return p;
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

    @Override
    public String toString() {
        return scheme + "://" + host + ":" + port + "/" + database;
    }

    public static String oneLine(Throwable e) {
        return JdbcUrls.oneLine(e);
    }
}
