package dev.osc.engine.copy;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Runs the shadow side of a comparison on its own connection and thread while the caller reads
 * the source, so a checksum takes the time of one side, not of both. With the same connection
 * on both sides it runs the shadow side in the caller's thread.
 */
public final class SideBySide implements AutoCloseable {
    private final Connection shadow;
    private final boolean parallel;
    private final ExecutorService executor;

    /** A read of the shadow side. */
    @FunctionalInterface
    public interface ShadowRead<T> {
        T read(Connection shadow) throws SQLException;
    }

    public SideBySide(Connection source, Connection shadow) {
        this.shadow = shadow;
        this.parallel = source != shadow;
        this.executor = parallel ? Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "osc-checksum-shadow");
            t.setDaemon(true);
            return t;
        }) : null;
    }

    public <T> Future<T> onShadow(ShadowRead<T> read) throws SQLException {
        Callable<T> task = () -> read.read(shadow);
        if (!parallel) {
            try {
                return CompletableFuture.completedFuture(task.call());
            } catch (SQLException e) {
                throw e;
            } catch (Exception e) {
                throw new SQLException(e);
            }
        }
        return executor.submit(task);
    }

    public <T> T await(Future<T> future) throws Exception {
        try {
            return future.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Exception cause) {
                throw cause;
            }
            throw e;
        }
    }

    @Override
    public void close() {
        if (executor != null) {
            executor.shutdownNow();
        }
    }
}
