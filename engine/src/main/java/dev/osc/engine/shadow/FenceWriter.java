package dev.osc.engine.shadow;

import java.time.Duration;

/** Writes a sentinel row after a point in time and waits for it to come back through the stream. */
@FunctionalInterface
public interface FenceWriter {
    boolean writeAndAwait(Duration timeout) throws Exception;
}
