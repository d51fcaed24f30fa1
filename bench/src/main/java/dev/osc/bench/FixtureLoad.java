package dev.osc.bench;

import dev.osc.bench.WorkloadMix.Operation;
import dev.osc.engine.testkit.Workload;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The test kit's {@link Workload} running {@link FixtureWrites} on a fixture table, with the
 * latencies of writes and of reads on the run's phase timeline, and the highest row number it
 * inserted recorded at the end, so the next workload (or fixture --resume) starts after it.
 */
final class FixtureLoad implements AutoCloseable {
    private static final int KEPT_ERRORS = 5;

    private final String url;
    private final FixtureTable table;
    private final FixtureWrites shape;
    private final int threads;
    private final LatencyTimeline writes;
    private final LatencyTimeline reads;
    private final Workload workload;
    private final List<String> lateErrors = new ArrayList<>();

    private FixtureLoad(String url, FixtureTable table, FixtureWrites shape, int threads, int rate, PhaseClock phases) {
        this.url = url;
        this.table = table;
        this.shape = shape;
        this.threads = threads;
        this.writes = new LatencyTimeline(phases);
        this.reads = new LatencyTimeline(phases);
        Workload.Builder builder = Workload.on(url, shape).threads(threads).rate(rate).clock(phases::nanoTime)
                .latencies((op, due, micros) -> (op == Operation.READ.ordinal() ? reads : writes).record(phases.phaseAt(due), micros));
        if (table.pg()) {
            // a type change makes PostgreSQL refuse server-prepared SELECT * plans ("cached plan must not change
            // result type"); pgjdbc re-prepares them under a savepoint, as an application should be configured to
            builder.dataSourceProperty("autosave", "conservative");
        }
        this.workload = builder.start();
    }

    /**
     * Starts {@code threads} threads at {@code rate} transactions per second (0 for as fast as they go);
     * inserts continue after the highest row number any earlier run made.
     *
     * @param oracleName the oracle table kept equal to the table, or null for none
     */
    static FixtureLoad start(String url, FixtureTable table, String oracleName, WorkloadMix mix, int threads, int rate,
                             PhaseClock phases) throws SQLException {
        long lastRow = table.rows();
        if (table.shape() != FixtureShape.UUID_KEY) {
            try (Connection c = DriverManager.getConnection(url); Statement st = c.createStatement();
                 ResultSet rs = st.executeQuery("SELECT MAX(id) FROM " + table.quoted())) {
                if (rs.next()) {
                    lastRow = Math.max(lastRow, rs.getLong(1));
                }
            }
        }
        return new FixtureLoad(url, table, new FixtureWrites(table, oracleName, mix, lastRow), threads, rate, phases);
    }

    /** Records the highest row number inserted, so the next workload (or fixture --resume) starts after it. */
    private void recordLastRow() {
        try (Connection c = DriverManager.getConnection(url);
             PreparedStatement ps = c.prepareStatement("UPDATE _osc_fixture SET rows_done = ? WHERE table_name = ? AND rows_done < ?")) {
            ps.setLong(1, shape.lastRow());
            ps.setString(2, table.name());
            ps.setLong(3, shape.lastRow());
            ps.executeUpdate();
        } catch (SQLException e) {
            lateErrors.add("could not record the last row inserted: " + e.getMessage());
        }
    }

    FixtureTable table() {
        return table;
    }

    LatencyTimeline writes() {
        return writes;
    }

    LatencyTimeline reads() {
        return reads;
    }

    long transactions() {
        return workload.transactions();
    }

    Map<Operation, Long> byOperation() {
        Map<Operation, Long> m = new EnumMap<>(Operation.class);
        workload.byOperation().forEach((name, n) -> m.put(Operation.valueOf(name), n));
        return m;
    }

    /** Failed transactions, deadlocks included. */
    long errors() {
        return workload.errorCount();
    }

    long deadlocks() {
        return workload.deadlocks();
    }

    List<String> firstErrors() {
        List<String> out = new ArrayList<>(workload.errors().stream().limit(KEPT_ERRORS).toList());
        out.addAll(lateErrors);
        return out;
    }

    int threads() {
        return threads;
    }

    /** Stops the threads after their current transaction, waits for them and records the last row inserted. */
    @Override
    public void close() throws InterruptedException {
        try {
            workload.close();
        } finally {
            recordLastRow();
        }
    }
}
