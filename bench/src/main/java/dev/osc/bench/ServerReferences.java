package dev.osc.bench;

import java.io.PrintStream;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Locale;

/**
 * The two references a run is measured against, on a copy of the table: the server's own
 * {@code INSERT INTO copy SELECT * FROM t} (the copy-speed limit) and the plain ALTER on that
 * copy under the same workload (the stall a user avoids by using osc). The copy is dropped at
 * the end, whatever happens.
 */
final class ServerReferences {
    /** What the server did on its own. */
    record Figures(long rows, double insertSelectSeconds, double plainAlterSeconds, LatencySummary writesBefore,
                   LatencySummary writesDuringAlter, LatencySummary readsDuringAlter, long errors) {
        double insertSelectRowsPerSecond() {
            return insertSelectSeconds == 0 ? 0 : rows / insertSelectSeconds;
        }
    }

    private final String url;
    private final FixtureTable table;
    private final String alter;
    private final WorkloadSpec load;
    private final PrintStream log;

    ServerReferences(String url, FixtureTable table, String alter, WorkloadSpec load, PrintStream log) {
        this.url = url;
        this.table = table;
        this.alter = alter;
        this.load = load;
        this.log = log;
    }

    Figures measure(Connection c) throws SQLException, InterruptedException {
        FixtureTable copy = table.named(copyName(table.name()));
        try (Statement st = c.createStatement()) {
            st.execute("DROP TABLE IF EXISTS " + copy.quoted());
            st.execute(table.pg() ? "CREATE TABLE " + copy.quoted() + " (LIKE " + table.quoted() + " INCLUDING ALL)"
                    : "CREATE TABLE " + copy.quoted() + " LIKE " + table.quoted());
            log.printf(Locale.ROOT, "osc bench run: reference 1: INSERT INTO copy SELECT * FROM %s%n", table.name());
            long t0 = System.nanoTime();
            long rows = st.executeUpdate("INSERT INTO " + copy.quoted() + " SELECT * FROM " + table.quoted());
            double insertSelect = (System.nanoTime() - t0) / 1e9;
            if (table.pg()) {
                st.execute("VACUUM (ANALYZE) " + copy.quoted());
            }
            log.printf(Locale.ROOT, "osc bench run: %,d rows in %.1f s; reference 2: plain ALTER on the copy under the workload%n",
                    rows, insertSelect);
            PhaseClock phases = PhaseClock.system();
            phases.enter("baseline");
            double alterSeconds;
            FixtureLoad workload = load.start(url, copy, null, phases);
            try (workload) {
                Thread.sleep(Math.min(load.baseline().toMillis(), Duration.ofSeconds(5).toMillis()));
                phases.enter("alter");
                long t1 = System.nanoTime();
                st.execute("ALTER TABLE " + copy.quoted() + " " + alter);
                alterSeconds = (System.nanoTime() - t1) / 1e9;
                phases.enter("after");
                Thread.sleep(2000);
            }
            return new Figures(rows, insertSelect, alterSeconds, workload.writes().phase("baseline"), workload.writes().phase("alter"),
                    workload.reads().phase("alter"), workload.errors());
        } finally {
            try (Statement st = c.createStatement()) {
                st.execute("DROP TABLE IF EXISTS " + copy.quoted());
            }
        }
    }

    static String copyName(String table) {
        return table + "_osc_bench_copy";
    }
}
