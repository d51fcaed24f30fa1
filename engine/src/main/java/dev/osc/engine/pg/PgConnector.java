package dev.osc.engine.pg;

import dev.osc.engine.run.Connector;
import dev.osc.engine.run.OscException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;
import java.util.Set;

/** Connections to one PostgreSQL database through pgjdbc, each named by its role ({@code application_name}). */
public final class PgConnector extends Connector {

    public PgConnector(String url, String user, String password) {
        super(checked(url), user, password, "postgresql", 5432, true, Set.of());
    }

    private static String checked(String url) {
        if (url == null || !url.startsWith("jdbc:postgresql:")) {
            throw OscException.badInput("--url must be a PostgreSQL JDBC URL: jdbc:postgresql://HOST[:PORT]/DATABASE");
        }
        return url;
    }

    @Override
    public Connection open(String role) throws SQLException {
        Properties props = credentials();
        props.setProperty("ApplicationName", role);
        props.setProperty("connectTimeout", "10");
        props.setProperty("tcpKeepAlive", "true");
        return DriverManager.getConnection(url(), props);
    }
}
