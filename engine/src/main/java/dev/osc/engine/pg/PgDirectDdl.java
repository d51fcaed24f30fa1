package dev.osc.engine.pg;

import static dev.osc.engine.pg.PgIdentifiers.quote;

import dev.osc.cutover.YieldingBlockers;
import dev.osc.engine.rows.Retries;
import dev.osc.engine.model.TableName;
import dev.osc.engine.run.DirectInterrupt;
import dev.osc.engine.run.OscException;
import java.io.PrintStream;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;

/**
 * Plain ALTER TABLE under a short {@code lock_timeout}: when the lock is not granted in time the
 * statement gives up (so writers never queue behind it for long) and is retried with backoff and
 * jitter. An autovacuum of the table found in the way is cancelled before the next attempt, as the
 * server would cancel it for a plain ALTER that waited past {@code deadlock_timeout}.
 */
public final class PgDirectDdl {
    private final Connection connection;
    private final Retries.Policy retries;
    private final Clock clock;
    private final PrintStream log;
    private final YieldingBlockers yielding = new YieldingBlockers();

    public PgDirectDdl(Connection connection, Retries.Policy retries, Clock clock, PrintStream log) {
        this.connection = connection;
        this.retries = retries;
        this.clock = clock;
        this.log = log;
    }

    /** Runs the ALTER; returns how long the successful attempt took (its lock was held that long at most). */
    public Duration run(TableName table, PgAlterClause clause, Duration lockTimeout, DirectInterrupt interrupt) throws Exception {
        connection.setAutoCommit(true);
        java.util.concurrent.atomic.AtomicInteger attempts = new java.util.concurrent.atomic.AtomicInteger();
        try {
            return retries.retrying("direct-ddl", PgErrors::isRetriable).run(connection, () -> {
                try (Statement st = connection.createStatement()) {
                    st.execute("SET lock_timeout = '" + lockTimeout.toMillis() + "ms'");
                    long start = clock.millis();
                    interrupt.running(st);
                    try {
                        st.execute("ALTER TABLE " + quote(table) + " " + clause.text());
                    } catch (SQLException e) {
                        // not after the last attempt: the vacuum's work would be lost for nothing
                        if (PgErrors.is(e, PgErrors.LOCK_NOT_AVAILABLE) && attempts.incrementAndGet() < retries.attempts()) {
                            cancelAutovacuum(table);
                        }
                        throw e;
                    }
                    return Duration.ofMillis(clock.millis() - start);
                }
            });
        } catch (SQLException e) {
            if (PgErrors.is(e, PgErrors.LOCK_NOT_AVAILABLE)) {
                throw OscException.failed("the lock on " + table + " was not granted after every retry; the table is unchanged", e);
            }
            if (PgErrors.isDataError(e)) {
                throw OscException.refused(OscException.DATA_REJECTS_CHANGE + PgConnector.oneLine(e) + "; the table is unchanged");
            }
            if (PgErrors.isUserError(e)) {
                throw OscException.badInput("the database rejected the ALTER: " + PgConnector.oneLine(e));
            }
            throw e;
        } finally {
            try (Statement st = connection.createStatement()) {
                st.execute("RESET lock_timeout");
            }
        }
    }

    /** Every ALTER TABLE lock mode conflicts with autovacuum's; a lookup that fails only leaves it to the next attempt. */
    private void cancelAutovacuum(TableName table) {
        try {
            PgBlockers blockers = new PgBlockers(connection, Map.of(table, "ACCESS EXCLUSIVE"));
            yielding.cancel(blockers, blockers.find(), line -> log.println("osc: " + line));
        } catch (SQLException e) {
            log.println("osc: cannot tell who blocks the lock on " + table + ": " + PgConnector.oneLine(e));
        }
    }
}
