package dev.osc.cdc;

import java.time.Duration;
import java.util.Optional;

/**
 * A running change data capture stream that delivers the keys of changed rows to a sink, batch by
 * batch, and moves its source position on only over batches the caller acknowledged.
 */
public interface ChangeStream extends AutoCloseable {

    /** Starts the stream and waits until its task runs, or fails with the start-up error. */
    void start(Duration timeout) throws StreamException, InterruptedException;

    /**
     * Every batch up to and including {@code sequence} is done: its keys are committed to the
     * shadow (or dropped because the copy reads them later). Callable from any thread; a lower
     * sequence than one acknowledged before changes nothing. The stream hands the acknowledged
     * records to its engine on its own thread, the next time it delivers (a batch or a heartbeat).
     */
    void acknowledge(long sequence);

    /** The position of the last acknowledged batch handed to the engine for its offset flush, or null. */
    StreamPosition acknowledgedPosition();

    /** Milliseconds between the source commit and delivery, for the last delivered change. */
    long lagMillis();

    /** The error that stopped the stream on its own, if it did. */
    Optional<Throwable> failure();

    /** Stops the stream and waits for its thread; safe to call twice. */
    @Override
    void close();
}
