package dev.osc.engine.shadow;

import dev.osc.engine.run.Connector;
import dev.osc.engine.run.JdbcUrls;
import dev.osc.engine.run.OscException;
import dev.osc.throttling.ReplicaLag;
import dev.osc.throttling.ReplicaLagSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The {@code --replica} servers of one run, each read on a connection of its own, opened at its
 * first read and again after a read failed (a replica that restarts is read again once it is
 * back). Named by host, port and database only; a failure's message is one line with any
 * password masked. The URLs are checked when this is made, before the run creates anything.
 */
public final class Replicas implements AutoCloseable {

    /** The replica's lag as read on its connection; {@code replica} names it for the reason. */
    @FunctionalInterface
    public interface LagQuery {
        ReplicaLag read(Connection c, String replica) throws SQLException;
    }

    private final List<Server> servers = new ArrayList<>();

    /** {@code connector} makes a dialect's connector from one URL (with the credentials of {@code --url}). */
    public Replicas(List<String> urls, Function<String, Connector> connector, String role, LagQuery query) {
        for (String url : urls) {
            try {
                servers.add(new Server(connector.apply(url), role, query));
            } catch (OscException e) {
                throw OscException.badInput(e.getMessage().replace("--url", "--replica"));
            }
        }
    }

    public List<ReplicaLagSource> sources() {
        return List.copyOf(servers);
    }

    public boolean isEmpty() {
        return servers.isEmpty();
    }

    /** Closes every replica's connection (a later read would open it again). */
    @Override
    public void close() {
        servers.forEach(Server::close);
    }

    private static final class Server implements ReplicaLagSource {
        private final Connector connector;
        private final String role;
        private final LagQuery query;
        private Connection c;

        Server(Connector connector, String role, LagQuery query) {
            this.connector = connector;
            this.role = role;
            this.query = query;
        }

        @Override
        public String describe() {
            return "replica " + connector;
        }

        @Override
        public synchronized List<ReplicaLag> read() throws SQLException {
            try {
                if (c == null) {
                    c = connector.open(role);
                }
                return List.of(query.read(c, describe()));
            } catch (SQLException e) {
                close();
                throw new SQLException(JdbcUrls.redacted(JdbcUrls.oneLine(e)), e.getSQLState(), e.getErrorCode(), e);
            }
        }

        synchronized void close() {
            if (c != null) {
                try {
                    c.close();
                } catch (SQLException ignored) {
                    // the connection is gone either way
                }
                c = null;
            }
        }
    }
}
