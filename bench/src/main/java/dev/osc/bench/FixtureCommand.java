package dev.osc.bench;

import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code osc bench fixture}: N rows of a documented shape, generated server side, resumable. */
@Command(name = "fixture", mixinStandardHelpOptions = true,
        description = "Generate a benchmark table of N rows server side (PostgreSQL or MariaDB), resumable with --resume.")
final class FixtureCommand implements Callable<Integer> {
    @Option(names = "--url", required = true, paramLabel = "JDBC_URL", description = "jdbc:postgresql://... or jdbc:mariadb://... (user in the URL)")
    String url;

    @Option(names = "--table", required = true, paramLabel = "TABLE", description = "table to create and fill")
    String table;

    @Option(names = "--rows", required = true, paramLabel = "N", description = "rows the table should have (up to 10^9 and more)")
    long rows;

    @Option(names = "--shape", defaultValue = "sysbench", paramLabel = "sysbench|wide|uuid-key", description = "row shape (default sysbench)")
    String shape;

    @Option(names = "--resume", description = "continue a fixture an earlier run started")
    boolean resume;

    @Option(names = "--batch", defaultValue = "1000000", paramLabel = "ROWS", description = "rows per transaction (default 1,000,000)")
    long batch;

    @Override
    public Integer call() {
        FixtureShape parsed;
        try {
            parsed = FixtureShape.parse(shape);
        } catch (IllegalArgumentException e) {
            System.err.println("osc bench fixture: " + e.getMessage());
            return 2;
        }
        if (rows < 1 || batch < 1 || !(url.startsWith("jdbc:postgresql:") || url.startsWith("jdbc:mariadb:") || url.startsWith("jdbc:mysql:"))) {
            System.err.println("osc bench fixture: --rows and --batch must be positive and --url a PostgreSQL or MariaDB JDBC URL");
            return 2;
        }
        String jdbc = url.startsWith("jdbc:mysql:") ? "jdbc:mariadb:" + url.substring("jdbc:mysql:".length()) : url;
        try {
            FixtureGenerator.Result r = new FixtureGenerator(jdbc, table, parsed, rows, resume, batch, System.err).run();
            System.out.printf(Locale.ROOT, "rows: %,d (%,d added) in %.1f s, %,.0f rows/s, %,d MiB on disk%n", r.rowsDone(), r.rowsAdded(),
                    r.seconds(), r.rowsPerSecond(), r.bytesOnDisk() / 1024 / 1024);
            return 0;
        } catch (FixtureGenerator.Refused e) {
            System.err.println("osc bench fixture: " + e.getMessage());
            return e.exit;
        } catch (java.sql.SQLException e) {
            return BenchOptions.failed("fixture", e);
        }
    }
}
