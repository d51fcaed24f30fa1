package dev.osc.engine.testkit;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;

/**
 * A private MariaDB server from the binaries installed on the machine ({@code mariadb-install-db}
 * and {@code mariadbd}), with a row-based binary log (full row images) on, on a free port, in a
 * temporary directory of its own. Nothing is installed and no system service is touched: no option
 * file is read ({@code --no-defaults}), the socket, pid file, logs and data all live in the temporary
 * directory, and {@link #close()} stops the server and removes that directory.
 */
public final class EmbeddedMaria implements AutoCloseable {
    private static final long START_DEADLINE_MILLIS = 60_000;
    private static final int PORT_ATTEMPTS = 3;

    private final Path dir;
    private volatile Process process;
    private final int port;
    private int bufferPoolMb = DEFAULT_BUFFER_POOL_MB;
    private List<String> options = List.of();
    private final AtomicBoolean closed = new AtomicBoolean();

    private EmbeddedMaria(Path dir, Process process, int port) {
        this.dir = dir;
        this.process = process;
        this.port = port;
    }

    /**
     * Initialises a data directory, starts the server, waits until root can log in over TCP without
     * a password and creates the database {@code osc}.
     */
    public static EmbeddedMaria start() throws IOException {
        return start(DEFAULT_BUFFER_POOL_MB);
    }

    /** The InnoDB buffer pool tests and the demo use: small, as they are. */
    public static final int DEFAULT_BUFFER_POOL_MB = 256;

    /** As {@link #start()}, with an InnoDB buffer pool of {@code bufferPoolMb} MiB (benchmarks on large tables want more). */
    public static EmbeddedMaria start(int bufferPoolMb) throws IOException {
        return start(bufferPoolMb, List.of());
    }

    /**
     * As {@link #start(int)}, with {@code options} after the usual ones (a later option wins): a
     * replica for a test, say, with {@code --server-id=2}.
     */
    public static EmbeddedMaria start(int bufferPoolMb, List<String> options) throws IOException {
        Path dir = Files.createTempDirectory("osc-maria");
        try {
            install(dir);
            IOException last = null;
            for (int attempt = 0; attempt < PORT_ATTEMPTS; attempt++) {
                int port = freePort();
                Files.deleteIfExists(dir.resolve("error.log"));
                EmbeddedMaria server = new EmbeddedMaria(dir, launch(dir, port, bufferPoolMb, options), port);
                server.bufferPoolMb = bufferPoolMb;
                server.options = options;
                try {
                    server.awaitReady();
                    return server;
                } catch (PortTaken e) {
                    // another process took the port between freePort() and the server's bind: retry
                    server.stopProcess();
                    last = e;
                } catch (IOException | RuntimeException e) {
                    server.stopProcess();
                    throw e;
                }
            }
            throw last;
        } catch (IOException | RuntimeException e) {
            deleteTree(dir);
            throw e;
        }
    }

    /** The JDBC URL of the {@code osc} database (user root, no password, over TCP). */
    public String url() {
        return "jdbc:mariadb://127.0.0.1:" + port + "/osc?user=root";
    }

    public int port() {
        return port;
    }

    /**
     * A crash and a restart: SIGKILL (no shutdown, as a lost server process), then the same server
     * on the same data directory and port, once it accepts connections again (after InnoDB's
     * crash recovery).
     */
    public synchronized void crashAndRestart() throws IOException {
        process.destroyForcibly();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                throw new IOException("mariadbd did not die within 30 s of SIGKILL");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
        process = launch(dir, port, bufferPoolMb, options);
        awaitReady();
    }

    /** The server's error log (for diagnosis). */
    public Path errorLog() {
        return dir.resolve("error.log");
    }

    private static void install(Path dir) throws IOException {
        Path log = dir.resolve("install.log");
        List<String> cmd = List.of(binary("mariadb-install-db", "mysql_install_db"), "--no-defaults",
                "--auth-root-authentication-method=normal", "--datadir=" + dir.resolve("data"),
                "--user=" + System.getProperty("user.name"), "--skip-test-db");
        Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        try {
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException("mariadb-install-db did not finish in 120 s:\n" + tail(log, 40));
            }
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while running mariadb-install-db", e);
        }
        if (p.exitValue() != 0) {
            throw new IOException("mariadb-install-db failed (exit " + p.exitValue() + "): " + String.join(" ", cmd)
                    + "\n" + tail(log, 40));
        }
    }

    private static Process launch(Path dir, int port, int bufferPoolMb, List<String> options) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(binary("mariadbd", "mysqld"), "--no-defaults",
                "--datadir=" + dir.resolve("data"),
                "--socket=" + dir.resolve("mysqld.sock"),
                "--port=" + port,
                "--bind-address=127.0.0.1",
                "--pid-file=" + dir.resolve("mysqld.pid"),
                "--log-bin=" + dir.resolve("binlog"),
                "--binlog-format=ROW",
                "--binlog-row-image=FULL",
                "--server-id=1",
                "--log-error=" + dir.resolve("error.log"),
                "--innodb-buffer-pool-size=" + bufferPoolMb + "M",
                "--innodb-flush-log-at-trx-commit=2",
                "--skip-name-resolve",
                "--max-connections=300",
                "--character-set-server=utf8mb4",
                "--innodb-print-all-deadlocks=ON",
                // so tests can find a connection by the program_name osc gives it
                "--performance-schema=ON",
                // so osc can tell which session holds a table's metadata lock (and end it with --kill-blockers-after)
                "--plugin-load-add=metadata_lock_info",
                "--user=" + System.getProperty("user.name")));
        cmd.addAll(options);
        return new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(dir.resolve("mariadbd.out").toFile()).start();
    }

    private void awaitReady() throws IOException {
        String base = "jdbc:mariadb://127.0.0.1:" + port + "/?user=root&connectTimeout=2000";
        long deadline = System.currentTimeMillis() + START_DEADLINE_MILLIS;
        boolean authFixed = false;
        SQLException last = null;
        while (System.currentTimeMillis() < deadline) {
            if (!process.isAlive()) {
                String log = tail(errorLog(), 40);
                if (log.contains("Address already in use") || log.contains("Can't start server: Bind on TCP/IP port")) {
                    throw new PortTaken("port " + port + " is taken:\n" + log);
                }
                throw new IOException("mariadbd exited with " + process.exitValue() + " while starting:\n" + log);
            }
            try (Connection c = DriverManager.getConnection(base); Statement st = c.createStatement()) {
                st.execute("CREATE DATABASE IF NOT EXISTS osc CHARACTER SET utf8mb4");
                return;
            } catch (SQLException e) {
                last = e;
                // 1045/1698: the server is up but root@127.0.0.1 cannot log in without a password
                if ((e.getErrorCode() == 1045 || e.getErrorCode() == 1698) && !authFixed) {
                    authFixed = true;
                    openRootOverTcp();
                    continue;
                }
            }
            sleep(100);
        }
        throw new IOException("mariadbd did not accept connections on port " + port + " within "
                + START_DEADLINE_MILLIS / 1000 + " s (last error: " + (last == null ? "none" : last.getMessage())
                + "):\n" + tail(errorLog(), 40));
    }

    /** Over the Unix socket (where root@localhost can always log in), lets root in over TCP too. */
    private void openRootOverTcp() throws IOException {
        String sql = "CREATE USER IF NOT EXISTS 'root'@'127.0.0.1'; ALTER USER 'root'@'127.0.0.1' IDENTIFIED BY ''; "
                + "GRANT ALL PRIVILEGES ON *.* TO 'root'@'127.0.0.1' WITH GRANT OPTION; FLUSH PRIVILEGES;";
        Path log = dir.resolve("auth.log");
        Process p = new ProcessBuilder(binary("mariadb", "mysql"), "--no-defaults", "-uroot",
                "--socket=" + dir.resolve("mysqld.sock"), "-e", sql)
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
                p.destroyForcibly();
                throw new IOException("cannot let root log in over TCP:\n" + tail(log, 20));
            }
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    /** Stops the server (SIGTERM: a clean shutdown) and deletes its directory. Safe to call twice. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        try {
            stopProcess();
        } finally {
            deleteTree(dir);
        }
    }

    private void stopProcess() {
        process.destroy();
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    /** True when the MariaDB server binaries are installed (the mariadb-server package). */
    public static boolean installed() {
        return new File(binary("mariadbd", "mysqld")).isAbsolute() && new File(binary("mariadb-install-db", "mysql_install_db")).isAbsolute();
    }

    private static String binary(String... names) {
        List<String> dirs = new ArrayList<>(List.of("/usr/sbin", "/usr/bin", "/usr/local/sbin", "/usr/local/bin",
                "/usr/local/mysql/bin"));
        String path = System.getenv("PATH");
        if (path != null) {
            dirs.addAll(List.of(path.split(File.pathSeparator)));
        }
        for (String name : names) {
            for (String d : dirs) {
                File f = new File(d, name);
                if (f.isFile() && f.canExecute()) {
                    return f.getAbsolutePath();
                }
            }
        }
        return names[0];
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            s.setReuseAddress(true);
            return s.getLocalPort();
        }
    }

    private static void sleep(long millis) throws IOException {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for mariadbd", e);
        }
    }

    static String tail(Path file, int lines) {
        try {
            if (!Files.exists(file)) {
                return "(no " + file.getFileName() + ")";
            }
            List<String> all = new String(Files.readAllBytes(file), StandardCharsets.UTF_8).lines().toList();
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException | UncheckedIOException e) {
            return "(cannot read " + file + ": " + e.getMessage() + ")";
        }
    }

    private static void deleteTree(Path root) {
        for (int attempt = 0; attempt < 2 && Files.exists(root); attempt++) {
            try (Stream<Path> paths = Files.walk(root)) {
                paths.sorted(Comparator.reverseOrder()).forEach(p -> {
                    try {
                        Files.deleteIfExists(p);
                    } catch (IOException ignored) {
                        // retried once below; a leftover temp file is not worth an exception at exit
                    }
                });
            } catch (IOException | UncheckedIOException ignored) {
                // files vanished while walking: try again
            }
        }
    }

    private static final class PortTaken extends IOException {
        PortTaken(String message) {
            super(message);
        }
    }
}
