package dev.osc.engine.mysql;

import static dev.osc.engine.mysql.MyIdentifiers.quote;

import dev.osc.engine.rows.Retries;
import dev.osc.engine.model.TableName;
import dev.osc.engine.run.DirectInterrupt;
import dev.osc.engine.run.OscException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;

/**
 * Plain ALTER TABLE with the algorithm the server accepted on the probe (INSTANT, or INPLACE
 * with LOCK=NONE, or the server's default for a small table), under a short
 * {@code lock_wait_timeout}: a metadata lock not granted in time gives up (so writers never queue
 * behind it for long) and is retried with backoff and jitter.
 */
public final class MyDirectDdl {
    private final Connection connection;
    private final Retries.Policy retries;
    private final Clock clock;

    public MyDirectDdl(Connection connection, Retries.Policy retries, Clock clock) {
        this.connection = connection;
        this.retries = retries;
        this.clock = clock;
    }

    public Duration run(TableName table, MyAlterClause clause, String algorithm, Duration lockTimeout, DirectInterrupt interrupt)
            throws Exception {
        connection.setAutoCommit(true);
        String options = switch (algorithm) {
            case "instant" -> ", ALGORITHM=INSTANT";
            case "inplace" -> ", ALGORITHM=INPLACE, LOCK=NONE";
            default -> "";
        };
        try {
            return retries.retrying("direct-ddl", MyErrors::isRetriable).run(connection, () -> {
                try (Statement st = connection.createStatement()) {
                    st.execute("SET SESSION lock_wait_timeout = " + Math.max(1, (lockTimeout.toMillis() + 999) / 1000));
                    long start = clock.millis();
                    interrupt.running(st);
                    st.execute("ALTER TABLE " + quote(table) + " " + clause.text() + options);
                    return Duration.ofMillis(clock.millis() - start);
                }
            });
        } catch (SQLException e) {
            if (MyErrors.is(e, MyErrors.LOCK_WAIT_TIMEOUT)) {
                throw OscException.failed("the metadata lock on " + table + " was not granted after every retry; the table is unchanged", e);
            }
            if (MyErrors.isDataError(e)) {
                throw OscException.refused(OscException.DATA_REJECTS_CHANGE + MyConnector.oneLine(e) + "; the table is unchanged");
            }
            if (MyErrors.isUserError(e)) {
                throw OscException.badInput("the server rejected the ALTER: " + MyConnector.oneLine(e));
            }
            throw e;
        }
    }
}
