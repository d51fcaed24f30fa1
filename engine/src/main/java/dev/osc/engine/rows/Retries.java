package dev.osc.engine.rows;

import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.function.Predicate;

/**
 * Runs a unit of work that commits on its own, again when it fails with an error the database
 * calls retriable (a deadlock or lock wait lost to an application write: the application wins),
 * rolling back before each new attempt. Resilience4j's {@link Retry} does the counting and the
 * waiting; the wait between attempts comes from an injected interval function. Interrupted while
 * waiting, it restores the thread's flag and throws the last error.
 */
public final class Retries {
    /** Attempts in all, the first included. */
    public static final int ATTEMPTS = 20;

    /** 20 ms more after each failed attempt, at most a second. */
    public static final IntervalFunction BACKOFF = attempt -> Math.min(1000, 20L * attempt);

    private final Retry retry;

    /** A unit of work on one connection. */
    @FunctionalInterface
    public interface Work<T> {
        T run() throws SQLException;
    }

    public Retries(String name, Predicate<Throwable> retriable, int attempts, IntervalFunction interval) {
        this.retry = Retry.of(name, RetryConfig.custom()
                .maxAttempts(attempts)
                .intervalFunction(interval)
                .retryOnException(retriable)
                .build());
    }

    /** How many attempts and how long between them, for a dialect to pair with what its server calls retriable. */
    public record Policy(int attempts, IntervalFunction interval) {
        public Retries retrying(String name, Predicate<Throwable> retriable) {
            return new Retries(name, retriable, attempts, interval);
        }
    }

    /** {@link #ATTEMPTS} attempts with {@link #BACKOFF}. */
    public static Retries of(String name, Predicate<Throwable> retriable) {
        return new Retries(name, retriable, ATTEMPTS, BACKOFF);
    }

    public <T> T run(Connection c, Work<T> work) throws SQLException {
        try {
            return Retry.decorateCheckedSupplier(retry, () -> {
                try {
                    return work.run();
                } catch (SQLException | RuntimeException e) {
                    rollbackQuietly(c, e);
                    throw e;
                }
            }).get();
        } catch (SQLException | RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    /** Rolls back an open transaction; a failure to do so is kept with the cause. */
    public static void rollbackQuietly(Connection c, Exception cause) {
        try {
            if (!c.getAutoCommit()) {
                c.rollback();
            }
        } catch (SQLException e) {
            cause.addSuppressed(e);
        }
    }
}
