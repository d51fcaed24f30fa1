package dev.osc.bench;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A private PostgreSQL server from an installed binary directory (e.g. Debian's
 * {@code /usr/lib/postgresql/15/bin}, whose server finds the extensions installed beside it, such
 * as pg_repack), configured as the test kit's embedded server is, on a free port, in a temporary
 * directory of its own: no system cluster or service is touched. As root the binaries run in a
 * user namespace of their own ({@code unshare -U}, as the embedded server does), since PostgreSQL
 * refuses to run as root. {@link #close()} stops the server and removes the directory.
 */
final class LocalPg implements AutoCloseable {
    private static final long START_DEADLINE_MILLIS = 60_000;
    /** The settings of the test kit's EmbeddedPg, so a run on either server is configured the same. */
    private static final List<String> SETTINGS = List.of("wal_level=logical", "max_replication_slots=20", "max_wal_senders=20",
            "synchronous_commit=on", "max_connections=200", "shared_buffers=256MB", "max_wal_size=4GB", "checkpoint_timeout=15min",
            "fsync=off", "full_page_writes=off", "listen_addresses=127.0.0.1");

    private final Path dir;
    private final Process process;
    private final int port;

    private LocalPg(Path dir, Process process, int port) {
        this.dir = dir;
        this.process = process;
        this.port = port;
    }

    /** True when {@code binDir} holds the server's binaries. */
    static boolean installed(Path binDir) {
        return Files.isExecutable(binDir.resolve("postgres")) && Files.isExecutable(binDir.resolve("initdb"));
    }

    static LocalPg start(Path binDir) throws IOException {
        if (!installed(binDir)) {
            throw new IOException(binDir + " holds no PostgreSQL server (postgres and initdb)");
        }
        Path dir = Files.createTempDirectory("osc-pg");
        try {
            Path data = dir.resolve("data");
            Path log = dir.resolve("initdb.log");
            Process init = new ProcessBuilder(command(binDir.resolve("initdb").toString(), "-A", "trust", "-U", "postgres", "-E", "UTF-8",
                    "--no-instructions", "-D", data.toString())).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            if (!waitFor(init, 120) || init.exitValue() != 0) {
                init.destroyForcibly();
                throw new IOException("initdb failed:\n" + tail(log));
            }
            int port = freePort();
            List<String> cmd = new ArrayList<>(command(binDir.resolve("postgres").toString(), "-D", data.toString(), "-p",
                    Integer.toString(port), "-c", "unix_socket_directories=" + dir));
            for (String s : SETTINGS) {
                cmd.add("-c");
                cmd.add(s);
            }
            Process server = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(dir.resolve("server.log").toFile()).start();
            LocalPg pg = new LocalPg(dir, server, port);
            try {
                pg.awaitReady();
            } catch (IOException | RuntimeException e) {
                pg.close();
                throw e;
            }
            return pg;
        } catch (IOException | RuntimeException e) {
            deleteTree(dir);
            throw e;
        }
    }

    /** The JDBC URL of the {@code postgres} database (user postgres, no password). */
    String url() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/postgres?user=postgres";
    }

    private void awaitReady() throws IOException {
        long deadline = System.currentTimeMillis() + START_DEADLINE_MILLIS;
        SQLException last = null;
        while (System.currentTimeMillis() < deadline) {
            if (!process.isAlive()) {
                throw new IOException("postgres exited with " + process.exitValue() + " while starting:\n" + tail(dir.resolve("server.log")));
            }
            try (Connection c = DriverManager.getConnection(url() + "&connectTimeout=2")) {
                return;
            } catch (SQLException e) {
                last = e;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while waiting for postgres", e);
            }
        }
        throw new IOException("postgres did not accept connections within " + START_DEADLINE_MILLIS / 1000 + " s (last error: "
                + (last == null ? "none" : last.getMessage()) + ")");
    }

    /** As root, {@code unshare -U} first: the server sees itself as an ordinary user and owns its directory. */
    private static List<String> command(String... argv) {
        List<String> cmd = new ArrayList<>();
        if ("root".equals(System.getProperty("user.name"))) {
            cmd.addAll(List.of("unshare", "-U"));
        }
        cmd.addAll(List.of(argv));
        return cmd;
    }

    /** Stops the server (SIGINT: a fast shutdown, then SIGKILL after 60 s) and deletes its directory. */
    @Override
    public void close() {
        try {
            waitFor(new ProcessBuilder("kill", "-INT", Long.toString(process.pid())).start(), 10);
        } catch (IOException e) {
            process.destroy();
        }
        if (!waitFor(process, 60)) {
            process.destroyForcibly();
            waitFor(process, 10);
        }
        deleteTree(dir);
    }

    private static boolean waitFor(Process p, int seconds) {
        try {
            return p.waitFor(seconds, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            p.destroyForcibly();
            return false;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            s.setReuseAddress(true);
            return s.getLocalPort();
        }
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
        } catch (IOException e) {
            return "(no " + log.getFileName() + ")";
        }
    }

    private static void deleteTree(Path root) {
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // already gone
        }
    }
}
