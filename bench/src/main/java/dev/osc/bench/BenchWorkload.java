package dev.osc.bench;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.osc.bench.WorkloadMix.Operation;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.locks.LockSupport;

/**
 * A mixed load on a fixture table: inserts of new rows, updates, deletes and point reads, one
 * row per transaction, at a target rate spread over K threads. Each write runs on the oracle
 * first and then on the table in the same transaction, when an oracle is kept, so the two stay
 * equal whatever osc does to the table in between.
 *
 * <p>With a target rate each thread follows a fixed schedule and a transaction's latency counts
 * from when it was due, not from when it started, so a stall shows in every transaction it held
 * up (no coordinated omission). Without a rate (0) the threads run flat out and latency is the
 * transaction's own time.
 */
final class BenchWorkload implements AutoCloseable {
    private static final int KEPT_ERRORS = 5;

    private final FixtureTable table;
    private final ShapeStatements statements;
    private final ShapeStatements oracle;
    private final WorkloadMix mix;
    private final int threads;
    private final long intervalNanos;
    private final PhaseClock phases;
    private final HikariDataSource pool;
    private final AtomicLong lastRow;
    private final LatencyTimeline writes;
    private final LatencyTimeline reads;
    private final AtomicLongArray done = new AtomicLongArray(Operation.values().length);
    private final AtomicLong errors = new AtomicLong();
    private final AtomicLong deadlocks = new AtomicLong();
    private final List<String> firstErrors = Collections.synchronizedList(new ArrayList<>());
    private final List<Thread> workers = new ArrayList<>();
    private volatile boolean running = true;

    /**
     * @param oracleName the oracle table kept equal to the table, or null for none
     * @param rate       transactions per second across all threads, 0 for as fast as they go
     */
    BenchWorkload(String url, FixtureTable table, String oracleName, WorkloadMix mix, int threads, int rate, PhaseClock phases) {
        this.table = table;
        this.statements = ShapeStatements.of(table, table.name());
        this.oracle = oracleName == null ? null : ShapeStatements.of(table, oracleName);
        this.mix = mix;
        this.threads = threads;
        this.intervalNanos = rate <= 0 ? 0 : 1_000_000_000L * threads / rate;
        this.phases = phases;
        this.lastRow = new AtomicLong(table.rows());
        this.writes = new LatencyTimeline(phases);
        this.reads = new LatencyTimeline(phases);
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url);
        config.setMaximumPoolSize(threads);
        config.setMinimumIdle(threads);
        config.setPoolName("osc-bench-workload");
        config.setAutoCommit(false);
        config.setTransactionIsolation("TRANSACTION_READ_COMMITTED");
        if (table.pg()) {
            // a type change makes PostgreSQL refuse server-prepared SELECT * plans ("cached plan must not change
            // result type"); pgjdbc re-prepares them under a savepoint, as an application should be configured to
            config.addDataSourceProperty("autosave", "conservative");
        }
        this.pool = new HikariDataSource(config);
        for (int k = 0; k < threads; k++) {
            Thread t = new Thread(this::run, "bench-workload-" + k);
            t.setDaemon(true);
            workers.add(t);
        }
    }

    /** Starts the threads; inserts continue after the highest row number any earlier run made. */
    BenchWorkload start() throws SQLException {
        if (table.shape() != FixtureShape.UUID_KEY) {
            try (Connection c = pool.getConnection(); Statement st = c.createStatement();
                 ResultSet rs = st.executeQuery("SELECT MAX(id) FROM " + table.quoted())) {
                if (rs.next()) {
                    lastRow.accumulateAndGet(rs.getLong(1), Math::max);
                }
                c.commit();
            } catch (SQLException e) {
                pool.close();
                throw e;
            }
        }
        workers.forEach(Thread::start);
        return this;
    }

    /** Records the highest row number inserted, so the next workload (or fixture --resume) starts after it. */
    private void recordLastRow() {
        try (Connection c = pool.getConnection();
             PreparedStatement ps = c.prepareStatement("UPDATE _osc_fixture SET rows_done = ? WHERE table_name = ? AND rows_done < ?")) {
            ps.setLong(1, lastRow.get());
            ps.setString(2, table.name());
            ps.setLong(3, lastRow.get());
            ps.executeUpdate();
            c.commit();
        } catch (SQLException e) {
            firstErrors.add("could not record the last row inserted: " + e.getMessage());
        }
    }

    private void run() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long due = phases.nanoTime() + (intervalNanos == 0 ? 0 : random.nextLong(intervalNanos));
        while (running) {
            if (intervalNanos > 0) {
                long wait = due - phases.nanoTime();
                if (wait > 0) {
                    LockSupport.parkNanos(wait);
                    continue;
                }
            }
            long started = intervalNanos > 0 ? due : phases.nanoTime();
            int phase = phases.phaseAt(started);
            Operation op = mix.pick(random.nextInt(mix.total()));
            boolean ok = transaction(op, random);
            long micros = (phases.nanoTime() - started) / 1000;
            if (ok) {
                done.incrementAndGet(op.ordinal());
                (op == Operation.READ ? reads : writes).record(phase, micros);
            }
            due += intervalNanos;
        }
    }

    private boolean transaction(Operation op, ThreadLocalRandom random) {
        try (Connection c = pool.getConnection()) {
            try {
                long n = op == Operation.INSERT ? lastRow.incrementAndGet() : 1 + random.nextLong(lastRow.get());
                if (oracle != null && op != Operation.READ) {
                    execute(c, oracle, op, n);
                }
                execute(c, statements, op, n);
                c.commit();
                return true;
            } catch (SQLException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            if (running) {
                failed(e);
            }
            return false;
        }
    }

    private static void execute(Connection c, ShapeStatements s, Operation op, long n) throws SQLException {
        if (op == Operation.INSERT) {
            try (Statement st = c.createStatement()) {
                st.executeUpdate(s.insert(n));
            }
            return;
        }
        String sql = switch (op) {
            case UPDATE -> s.update();
            case DELETE -> s.delete();
            default -> s.read();
        };
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setLong(1, n);
            if (op == Operation.READ) {
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        rs.getObject(1);
                    }
                }
            } else {
                ps.executeUpdate();
            }
        }
    }

    private void failed(SQLException e) {
        errors.incrementAndGet();
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        if (state.equals("40001") || state.equals("40P01") || e.getErrorCode() == 1213) {
            deadlocks.incrementAndGet();
        }
        if (firstErrors.size() < KEPT_ERRORS) {
            firstErrors.add(state + ": " + String.valueOf(e.getMessage()).lines().findFirst().orElse(""));
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
        long sum = 0;
        for (int i = 0; i < done.length(); i++) {
            sum += done.get(i);
        }
        return sum;
    }

    Map<Operation, Long> byOperation() {
        Map<Operation, Long> m = new EnumMap<>(Operation.class);
        for (Operation op : Operation.values()) {
            m.put(op, done.get(op.ordinal()));
        }
        return m;
    }

    long errors() {
        return errors.get();
    }

    long deadlocks() {
        return deadlocks.get();
    }

    List<String> firstErrors() {
        return List.copyOf(firstErrors);
    }

    int threads() {
        return threads;
    }

    /** Stops the threads after their current transaction and waits for them. */
    void stop() throws InterruptedException {
        running = false;
        long deadline = System.currentTimeMillis() + 60_000;
        for (Thread t : workers) {
            t.join(Math.max(1, deadline - System.currentTimeMillis()));
        }
    }

    @Override
    public void close() throws InterruptedException {
        try {
            stop();
            recordLastRow();
        } finally {
            pool.close();
        }
    }
}
