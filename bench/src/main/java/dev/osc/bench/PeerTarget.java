package dev.osc.bench;

import dev.osc.engine.mysql.MyConnector;
import dev.osc.engine.pg.PgConnector;
import dev.osc.engine.run.Connector;
import java.util.Properties;

/**
 * Where a peer tool connects: the server, database and user of the bench's JDBC URL, and its
 * password, which a peer's command line never carries (it goes into an option file or the
 * environment; {@link #toString()} leaves it out).
 */
record PeerTarget(boolean pg, String host, int port, String database, String user, String password) {

    static PeerTarget of(String jdbcUrl) {
        boolean pg = jdbcUrl.startsWith("jdbc:postgresql:");
        Connector c = pg ? new PgConnector(jdbcUrl, null, null) : new MyConnector(jdbcUrl, null, null);
        Properties p = c.streamConnection();
        String user = c.user() != null ? c.user() : pg ? "postgres" : "root";
        return new PeerTarget(pg, c.host(), c.port(), c.database(), user, p.getProperty("database.password"));
    }

    @Override
    public String toString() {
        return (pg ? "postgresql" : "mariadb") + "://" + user + "@" + host + ":" + port + "/" + database;
    }
}
