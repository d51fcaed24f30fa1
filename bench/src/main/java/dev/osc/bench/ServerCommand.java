package dev.osc.bench;

import dev.osc.engine.testkit.EmbeddedMaria;
import dev.osc.engine.testkit.EmbeddedPg;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code osc bench server}: a private PostgreSQL (embedded) or MariaDB (from the installed
 * binaries) on a free port, for fixtures and runs on a machine with no server; prints its JDBC
 * URL and runs until Ctrl-C or SIGTERM, then stops and removes its data directory.
 */
@Command(name = "server", mixinStandardHelpOptions = true,
        description = "Start a private PostgreSQL or MariaDB for benchmarks; prints its JDBC URL, stops (and deletes its data) on Ctrl-C or SIGTERM.")
final class ServerCommand implements Callable<Integer> {
    @Option(names = "--db", defaultValue = "postgresql", paramLabel = "postgresql|mariadb", description = "which server (default postgresql)")
    String db;

    @Option(names = "--buffer-pool-mb", defaultValue = "256", paramLabel = "MIB",
            description = "MariaDB's InnoDB buffer pool (default 256; give a 10M-row table a few GiB)")
    int bufferPoolMb;

    @Option(names = "--sync-binlog", defaultValue = "1", paramLabel = "0|1",
            description = "MariaDB's sync_binlog (default 1, as on MySQL 8 and most production servers; with 0, MariaDB's own default, "
                    + "closing each full 1 GiB binlog flushes it and stalls every writer for hundreds of ms during a large copy)")
    int syncBinlog;

    @Option(names = "--pg-bin", paramLabel = "DIR",
            description = "run PostgreSQL from these installed binaries (e.g. /usr/lib/postgresql/15/bin, where Debian's pg_repack "
                    + "extension is found) instead of the embedded ones")
    java.nio.file.Path pgBin;

    @Override
    public Integer call() throws Exception {
        if (!db.equals("postgresql") && !db.equals("mariadb") || bufferPoolMb < 64 || syncBinlog < 0 || syncBinlog > 1) {
            System.err.println("osc bench server: --db must be postgresql or mariadb, --buffer-pool-mb at least 64 and --sync-binlog 0 or 1");
            return 2;
        }
        if (pgBin != null && (!db.equals("postgresql") || !LocalPg.installed(pgBin))) {
            System.err.println("osc bench server: --pg-bin needs --db postgresql and a directory holding postgres and initdb: " + pgBin);
            return 2;
        }
        if (db.equals("mariadb") && !EmbeddedMaria.installed()) {
            System.err.println("osc bench server: no MariaDB server is installed (mariadbd); install the mariadb-server package");
            return 3;
        }
        AutoCloseable server;
        String url;
        if (pgBin != null) {
            LocalPg pg = LocalPg.start(pgBin);
            server = pg;
            url = pg.url();
        } else if (db.equals("postgresql")) {
            EmbeddedPg pg = EmbeddedPg.start();
            server = pg;
            url = pg.url();
        } else {
            EmbeddedMaria maria = EmbeddedMaria.start(bufferPoolMb, mariaOptions());
            server = maria;
            url = maria.url();
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                server.close();
            } catch (Exception e) {
                System.err.println("osc bench server: stopping failed: " + e.getMessage());
            }
            stopped.countDown();
        }, "bench-server-stop"));
        System.out.println(url);
        System.out.flush();
        System.err.println("osc bench server: " + db + " running; Ctrl-C or SIGTERM stops it and deletes its data");
        stopped.await();
        return 0;
    }

    /** The options the private MariaDB gets after the test kit's own. */
    List<String> mariaOptions() {
        return List.of("--sync-binlog=" + syncBinlog);
    }
}
