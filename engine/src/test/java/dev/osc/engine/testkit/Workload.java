package dev.osc.engine.testkit;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongSupplier;

/**
 * Concurrent writers on one table, at a target rate spread over K threads, one transaction after
 * another each: what they run is a {@link WorkloadShape}'s (the demo table's writes with their
 * oracle, a benchmark fixture's mix), how many ran, how long they took and what failed is this
 * class's. Every writer's transactions run at READ COMMITTED with auto-commit off.
 *
 * <p>With a target rate each thread follows a fixed schedule and a transaction's latency counts
 * from when it was due, not from when it started, so a stall shows in every transaction it held
 * up (no coordinated omission). Without a rate (0) the threads run flat out and latency is the
 * transaction's own time.
 */
public final class Workload implements AutoCloseable {
    private static final int KEPT_ERRORS = 100;
    private static final int MARIADB_DEADLOCK = 1213;

    /** Where each committed transaction's latency goes. */
    @FunctionalInterface
    public interface LatencySink {
        /** A transaction of kind {@code operation}, due (or started) at {@code dueNanos}, that took {@code micros}. */
        void record(int operation, long dueNanos, long micros);
    }

    private final WorkloadShape shape;
    private final HikariDataSource pool;
    private final long intervalNanos;
    private final LatencySink latencies;
    private final LongSupplier clock;
    private final AtomicLongArray done;
    private final AtomicLong errorCount = new AtomicLong();
    private final AtomicLong deadlocks = new AtomicLong();
    private final List<String> errors = Collections.synchronizedList(new ArrayList<>());
    private final List<Thread> workers = new ArrayList<>();
    private volatile boolean running = true;

    private Workload(Builder b) {
        this.shape = b.shape;
        this.intervalNanos = b.rate <= 0 ? 0 : 1_000_000_000L * b.threads / b.rate;
        this.latencies = b.latencies;
        this.clock = b.clock;
        this.done = new AtomicLongArray(shape.operations().size());
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(b.url);
        config.setMaximumPoolSize(b.threads);
        config.setMinimumIdle(b.threads);
        config.setPoolName("osc-workload");
        config.setAutoCommit(false);
        config.setTransactionIsolation("TRANSACTION_READ_COMMITTED");
        b.properties.forEach(config::addDataSourceProperty);
        this.pool = new HikariDataSource(config);
        for (int k = 0; k < b.threads; k++) {
            WorkloadShape.Writer writer = shape.writer(k, b.threads);
            Thread t = new Thread(() -> run(writer), "workload-" + k);
            t.setDaemon(true);
            workers.add(t);
        }
    }

    /** A workload of {@code shape}'s transactions on the database at {@code jdbcUrl}. */
    public static Builder on(String jdbcUrl, WorkloadShape shape) {
        return new Builder(jdbcUrl, shape);
    }

    /** The settings of a workload, then {@link #start()}. */
    public static final class Builder {
        private final String url;
        private final WorkloadShape shape;
        private final Map<String, String> properties = new LinkedHashMap<>();
        private int threads = 4;
        private int rate;
        private LatencySink latencies = (operation, due, micros) -> { };
        private LongSupplier clock = System::nanoTime;

        private Builder(String url, WorkloadShape shape) {
            this.url = url;
            this.shape = shape;
        }

        /** Writer threads (default 4). */
        public Builder threads(int threads) {
            this.threads = threads;
            return this;
        }

        /** Transactions per second across all threads; 0 (the default) for as fast as they go. */
        public Builder rate(int rate) {
            this.rate = rate;
            return this;
        }

        /** Where latencies go (default: nowhere). */
        public Builder latencies(LatencySink latencies) {
            this.latencies = latencies;
            return this;
        }

        /** The clock the schedule and the latencies are read from (default {@link System#nanoTime()}). */
        public Builder clock(LongSupplier nanoTime) {
            this.clock = nanoTime;
            return this;
        }

        /** A property of the writers' JDBC data source (pgjdbc's {@code autosave}, say). */
        public Builder dataSourceProperty(String name, String value) {
            properties.put(name, value);
            return this;
        }

        /** Opens the writers' pool and starts them. */
        public Workload start() {
            if (threads < 1 || threads > 256 || rate < 0) {
                throw new IllegalArgumentException("threads must be between 1 and 256 and rate 0 or more");
            }
            Workload w = new Workload(this);
            w.workers.forEach(Thread::start);
            return w;
        }
    }

    private void run(WorkloadShape.Writer writer) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long due = clock.getAsLong() + (intervalNanos == 0 ? 0 : random.nextLong(intervalNanos));
        while (running) {
            if (intervalNanos > 0) {
                long wait = due - clock.getAsLong();
                if (wait > 0) {
                    LockSupport.parkNanos(wait);
                    continue;
                }
            }
            long started = intervalNanos > 0 ? due : clock.getAsLong();
            int operation = transaction(writer, random);
            if (operation >= 0) {
                done.incrementAndGet(operation);
                latencies.record(operation, started, (clock.getAsLong() - started) / 1000);
            }
            due += intervalNanos;
        }
    }

    /** One transaction, committed; its kind, or -1 if it failed. */
    private int transaction(WorkloadShape.Writer writer, ThreadLocalRandom random) {
        try (Connection c = pool.getConnection()) {
            try {
                int operation = writer.transaction(c, random);
                c.commit();
                return operation;
            } catch (SQLException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            if (running) {
                failed(e);
            }
            return -1;
        }
    }

    private void failed(SQLException e) {
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        if (state.equals("40001") || state.equals("40P01") || e.getErrorCode() == MARIADB_DEADLOCK) {
            deadlocks.incrementAndGet();
        }
        if (shape.expected(e)) {
            return;
        }
        errorCount.incrementAndGet();
        if (errors.size() < KEPT_ERRORS) {
            errors.add(state + " (" + e.getErrorCode() + "): " + String.valueOf(e.getMessage()).lines().findFirst().orElse(""));
        }
    }

    /** Committed transactions. */
    public long transactions() {
        long sum = 0;
        for (int i = 0; i < done.length(); i++) {
            sum += done.get(i);
        }
        return sum;
    }

    /** Committed transactions of each kind, by the shape's names. */
    public Map<String, Long> byOperation() {
        Map<String, Long> m = new LinkedHashMap<>();
        List<String> names = shape.operations();
        for (int i = 0; i < names.size(); i++) {
            m.put(names.get(i), done.get(i));
        }
        return m;
    }

    /** Failed transactions, except those the shape expects. */
    public long errorCount() {
        return errorCount.get();
    }

    /** The first of those failures (up to 100), one line each. */
    public List<String> errors() {
        return List.copyOf(errors);
    }

    /** Transactions the server rolled back as deadlock or serialization victims, expected or not. */
    public long deadlocks() {
        return deadlocks.get();
    }

    /** Stops the writers after their current transaction and waits for them. */
    public void stop() throws InterruptedException {
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
        } finally {
            pool.close();
        }
    }
}
