package dev.osc.engine.shadow;

import java.time.Duration;

/** Writes a sentinel row after a point in time and waits for it to come back through the stream. */
@FunctionalInterface
public interface FenceWriter {
    boolean writeAndAwait(Duration timeout) throws Exception;

    /**
     * Writes a sentinel every {@code every} until one of them came back, for at most {@code limit}:
     * a stream that has just started may take up its position after the first sentinel, which then
     * never comes, and waiting for each one alone would lose a whole {@code every} to each such miss.
     * This default waits for each sentinel alone.
     */
    default boolean writeUntilOneArrives(Duration every, Duration limit) throws Exception {
        for (long i = 0; i < attempts(every, limit); i++) {
            if (writeAndAwait(every)) {
                return true;
            }
        }
        return false;
    }

    static long attempts(Duration every, Duration limit) {
        return Math.max(1, limit.toMillis() / Math.max(1, every.toMillis()));
    }
}
