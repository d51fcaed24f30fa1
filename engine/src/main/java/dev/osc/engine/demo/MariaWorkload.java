package dev.osc.engine.demo;

import static dev.osc.engine.demo.MariaDemoTable.quote;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Concurrent writers on a {@link MariaDemoTable}, the counterpart of {@link Workload}: inserts,
 * updates (some leaving the large column alone), NULLs, unicode, deletes, primary-key updates,
 * swaps of unique values between rows and JSON updates. Every transaction applies the same
 * statements, with the same bound values, to the oracle and then to the table. Each writer owns the
 * ids congruent to its number, so writers never conflict with each other: any error a writer sees
 * came from somewhere else (from osc, in a test). The writers run at READ COMMITTED, as on
 * PostgreSQL, so that InnoDB takes no gap locks for their lookups of rows that are gone.
 *
 * <p>One exception InnoDB makes to "writers never conflict": writing a key into a unique secondary
 * index that still holds a delete-marked copy of it (a swap moves an email from one row to another,
 * a primary-key update moves every entry) makes InnoDB's duplicate check lock the next index record
 * too, and that one may belong to another writer doing the same: a deadlock between writers on
 * disjoint rows (observed about once in 20,000 transactions with 8 writers at full speed). Like an
 * application would, a writer takes a deadlock (error 1213) as a rolled-back transaction and goes on:
 * it is counted in {@link #deadlocks()}, not in {@link #errors()}.
 */
public final class MariaWorkload implements DemoLoad {
    private static final int DEADLOCK = 1213;

    private final MariaDemoTable table;
    private final HikariDataSource pool;
    private final int threads;
    private final long pauseMicros;
    private final List<Thread> workers = new ArrayList<>();
    private final List<String> errors = Collections.synchronizedList(new ArrayList<>());
    private final AtomicLong transactions = new AtomicLong();
    private final AtomicLong deadlocks = new AtomicLong();
    private final LatencyRecorder latencies = new LatencyRecorder();
    private volatile boolean running = true;

    /** {@code rate} transactions per second across all writers (0 = as fast as they go). */
    public MariaWorkload(String jdbcUrl, MariaDemoTable table, long existingRows, int threads, int rate) {
        this.table = table;
        this.threads = threads;
        this.pauseMicros = rate <= 0 ? 0 : 1_000_000L * threads / rate;
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(jdbcUrl);
        config.setMaximumPoolSize(threads);
        config.setPoolName("osc-maria-workload");
        config.setAutoCommit(false);
        config.setTransactionIsolation("TRANSACTION_READ_COMMITTED");
        this.pool = new HikariDataSource(config);
        for (int k = 0; k < threads; k++) {
            int writer = k;
            long firstNew = ((existingRows / threads) + 2) * threads + writer + 1_000_000_000L;
            Thread t = new Thread(() -> run(writer, existingRows, firstNew), "maria-workload-" + k);
            t.setDaemon(true);
            workers.add(t);
        }
    }

    public MariaWorkload start() {
        workers.forEach(Thread::start);
        return this;
    }

    private void run(int writer, long existingRows, long firstNew) {
        long nextId = firstNew;
        ThreadLocalRandom random = ThreadLocalRandom.current();
        while (running) {
            long started = System.nanoTime();
            try (Connection c = pool.getConnection()) {
                try {
                    nextId = oneTransaction(c, random, writer, existingRows, firstNew, nextId);
                    c.commit();
                    transactions.incrementAndGet();
                } catch (SQLException e) {
                    c.rollback();
                    throw e;
                }
            } catch (SQLException e) {
                if (e.getErrorCode() == DEADLOCK) {
                    deadlocks.incrementAndGet();
                } else if (running) {
                    errors.add(e.getSQLState() + " (" + e.getErrorCode() + "): " + e.getMessage());
                }
            }
            long micros = (System.nanoTime() - started) / 1000;
            latencies.record(micros);
            if (pauseMicros > 0) {
                try {
                    Thread.sleep(pauseMicros / 1000, (int) (pauseMicros % 1000) * 1000);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }
    }

    /** A random id this writer owns: one of the original rows, or (30%) one it created. */
    private long ownId(ThreadLocalRandom random, int writer, long existingRows, long firstNew, long nextId) {
        long created = (nextId - firstNew) / threads;
        if (created > 0 && random.nextInt(10) < 3) {
            return firstNew + random.nextLong(created) * threads;
        }
        return random.nextLong(existingRows / threads + 1) * threads + writer;
    }

    private long oneTransaction(Connection c, ThreadLocalRandom random, int writer, long existingRows, long firstNew,
                                long nextId) throws SQLException {
        long id = ownId(random, writer, existingRows, firstNew, nextId);
        switch (random.nextInt(9)) {
            case 0, 1 -> {
                long newId = nextId;
                nextId += threads;
                both(c, "INSERT INTO %s (id, email, balance, note, doc, payload, big, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                        newId, "w" + newId + "@example.com", random.nextInt(1000),
                        random.nextBoolean() ? null : "insérted ✓ " + newId, "{\"w\": " + writer + "}",
                        new byte[] {1, 2, (byte) writer}, random.nextInt(10) == 0 ? big(random) : null,
                        LocalDateTime.now().truncatedTo(ChronoUnit.MICROS));
            }
            case 2 -> both(c, "UPDATE %s SET balance = balance + ? WHERE id = ?", random.nextInt(100), id);
            case 3 -> both(c, "UPDATE %s SET note = ?, updated_at = updated_at + INTERVAL 1000 MICROSECOND WHERE id = ?",
                    random.nextBoolean() ? null : "ñoté ✓ " + random.nextInt(), id);
            case 4 -> both(c, "DELETE FROM %s WHERE id = ?", id);
            case 5 -> {
                long newId = nextId;
                nextId += threads;
                both(c, "UPDATE %s SET id = ? WHERE id = ?", newId, id);
            }
            case 6 -> swapEmails(c, id, ownId(random, writer, existingRows, firstNew, nextId));
            case 7 -> both(c, "UPDATE %s SET big = ? WHERE id = ?", big(random), id);
            default -> both(c, "UPDATE %s SET doc = JSON_SET(doc, '$.n', ?) WHERE id = ?", random.nextInt(100), id);
        }
        return nextId;
    }

    /** A random text of about 12,000 characters: InnoDB stores it off the row's page. */
    private static String big(ThreadLocalRandom random) {
        StringBuilder sb = new StringBuilder(12_016);
        while (sb.length() < 12_000) {
            sb.append(Long.toHexString(random.nextLong()));
        }
        return sb.toString();
    }

    /** Swaps the unique email of two rows: the classic case a REPLACE-style applier loses. */
    private void swapEmails(Connection c, long a, long b) throws SQLException {
        if (a == b) {
            return;
        }
        String ea = null;
        String eb = null;
        try (PreparedStatement ps = c.prepareStatement("SELECT id, email FROM " + quote(table.name()) + " WHERE id IN (?, ?) FOR UPDATE")) {
            ps.setLong(1, a);
            ps.setLong(2, b);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    if (rs.getLong(1) == a) {
                        ea = rs.getString(2);
                    } else {
                        eb = rs.getString(2);
                    }
                }
            }
        }
        if (ea == null || eb == null) {
            return;
        }
        both(c, "UPDATE %s SET email = ? WHERE id = ?", "swap-" + a + "-" + b, a);
        both(c, "UPDATE %s SET email = ? WHERE id = ?", ea, b);
        both(c, "UPDATE %s SET email = ? WHERE id = ?", eb, a);
    }

    /**
     * Runs one statement on the oracle and the same on the table. The oracle runs first: its own
     * locks take the time the table's statement would, so a swap in progress delays both alike.
     */
    private void both(Connection c, String template, Object... args) throws SQLException {
        for (String t : new String[] {table.oracleName(), table.name()}) {
            try (PreparedStatement ps = c.prepareStatement(String.format(template, quote(t)))) {
                for (int i = 0; i < args.length; i++) {
                    ps.setObject(i + 1, args[i]);
                }
                ps.executeUpdate();
            }
        }
    }

    public long transactions() {
        return transactions.get();
    }

    public List<String> errors() {
        return List.copyOf(errors);
    }

    /** Transactions InnoDB rolled back as deadlock victims (not in {@link #errors()}). */
    public long deadlocks() {
        return deadlocks.get();
    }

    @Override
    public double latencyPercentileMillis(double percent) {
        return latencies.percentileMillis(percent);
    }

    @Override
    public long maxLatencyMillis() {
        return latencies.maxMillis();
    }

    /** Stops the writers and waits for their last transaction. */
    public void stop() throws InterruptedException {
        running = false;
        for (Thread t : workers) {
            t.join(30_000);
        }
    }

    @Override
    public void close() throws InterruptedException {
        stop();
        pool.close();
    }
}
