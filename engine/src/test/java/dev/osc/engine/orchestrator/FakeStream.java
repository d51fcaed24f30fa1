package dev.osc.engine.orchestrator;

import dev.osc.cdc.ChangeBatch;
import dev.osc.cdc.ChangeSink;
import dev.osc.cdc.ChangeStream;
import dev.osc.cdc.ChangedKey;
import dev.osc.cdc.StreamPosition;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** A change stream whose changes the test (or the fake dialect) hands in; delivery is synchronous. */
final class FakeStream implements ChangeStream {
    private final ChangeSink sink;
    private final List<String> events;
    private volatile boolean started;
    private long sequence;
    private long acknowledged;

    FakeStream(ChangeSink sink, List<String> events) {
        this.sink = sink;
        this.events = events;
    }

    void deliver(ChangedKey change) {
        if (!started) {
            throw new IllegalStateException("a change was delivered before the stream started");
        }
        sink.accept(new ChangeBatch(++sequence, List.of(change), null));
    }

    /** Runs as the start begins: a start that waits for the copy, or fails. */
    volatile Runnable onStart = () -> { };

    @Override
    public void start(Duration timeout) {
        onStart.run();
        started = true;
        events.add("stream started");
    }

    @Override
    public long lagMillis() {
        return 0;
    }

    @Override
    public Optional<Throwable> failure() {
        return Optional.empty();
    }

    @Override
    public void acknowledge(long upTo) {
        acknowledged = Math.max(acknowledged, upTo);
    }

    @Override
    public StreamPosition acknowledgedPosition() {
        return null;
    }

    long acknowledged() {
        return acknowledged;
    }

    long delivered() {
        return sequence;
    }

    @Override
    public void close() {
        events.add("stream closed");
    }
}
