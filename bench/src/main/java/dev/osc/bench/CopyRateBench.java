package dev.osc.bench;

import dev.osc.engine.testkit.DemoTable;
import java.io.PrintStream;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The copy-rate benchmark: for each size, a fresh demo table, the server's own copy and a plain
 * ALTER as the baseline, then osc idle, then osc on a recreated table under a write load.
 */
final class CopyRateBench {
    static final String TABLE = "osc_bench_accounts";

    private final String url;
    private final int writers;
    private final int rate;
    private final PrintStream log;

    CopyRateBench(String url, int writers, int rate, PrintStream log) {
        this.url = url;
        this.writers = writers;
        this.rate = rate;
        this.log = log;
    }

    List<SizeResult> run(List<Long> sizes) throws Exception {
        List<SizeResult> results = new ArrayList<>();
        for (long rows : sizes) {
            results.add(runOne(rows));
        }
        return results;
    }

    private SizeResult runOne(long rows) throws Exception {
        DemoTable table = DemoTable.postgres(TABLE);
        try (Connection c = DriverManager.getConnection(url)) {
            c.setAutoCommit(true);
            createTable(c, table, rows);
            log.printf(Locale.ROOT, "osc bench: %,d rows: server copy and plain ALTER%n", rows);
            ServerCopyBaseline.Figures server = new ServerCopyBaseline(c, TABLE).measure();
            log.printf(Locale.ROOT, "osc bench: %,d rows: osc, no writers%n", rows);
            OscRunFigures idle = new OscAlterRun(url, TABLE, log).run();
            WriteLoadRun.Figures load = null;
            if (writers > 0) {
                createTable(c, table, rows);
                log.printf(Locale.ROOT, "osc bench: %,d rows: osc, %d writers at %d tx/s%n", rows, writers, rate);
                load = new WriteLoadRun(url, table, rows, writers, rate, log).run();
            }
            dropTables(c, table);
            SizeResult result = new SizeResult(rows, server, idle, load);
            log.printf(Locale.ROOT, "osc bench: %,d rows: osc copy %.0f rows/s, server %.0f rows/s, ratio %.2f%n",
                    rows, result.oscRowsPerSecond(), result.serverRowsPerSecond(), result.ratio());
            return result;
        }
    }

    /** The demo table, vacuumed so every reader finds it in the same state (hint bits set, visibility map built). */
    private void createTable(Connection c, DemoTable table, long rows) throws SQLException {
        long t0 = System.nanoTime();
        table.create(c, rows);
        try (Statement st = c.createStatement()) {
            st.execute("VACUUM (ANALYZE) " + TABLE);
            st.execute("VACUUM (ANALYZE) " + table.oracleName());
        }
        log.printf(Locale.ROOT, "osc bench: %,d rows generated in %.1f s%n", rows, (System.nanoTime() - t0) / 1e9);
    }

    private static void dropTables(Connection c, DemoTable table) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute("DROP TABLE IF EXISTS " + table.name());
            st.execute("DROP TABLE IF EXISTS " + table.oracleName());
        }
    }
}
