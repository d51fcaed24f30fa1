package dev.osc.cdc;

import java.time.Duration;
import java.util.Optional;

/** A running change data capture stream that delivers the keys of changed rows to a sink. */
public interface ChangeStream extends AutoCloseable {

    /** Starts the stream and waits until its task runs, or fails with the start-up error. */
    void start(Duration timeout) throws StreamException, InterruptedException;

    /** Milliseconds between the source commit and delivery, for the last delivered change. */
    long lagMillis();

    /** The error that stopped the stream on its own, if it did. */
    Optional<Throwable> failure();

    /** Stops the stream and waits for its thread; safe to call twice. */
    @Override
    void close();
}
