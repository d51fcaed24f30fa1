package dev.osc.engine.orchestrator;

import dev.osc.cdc.ChangeSink;
import dev.osc.cdc.ChangeStream;
import dev.osc.cdc.ChangedKey;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** A change stream whose changes the test (or the fake dialect) hands in; delivery is synchronous. */
final class FakeStream implements ChangeStream {
    private final ChangeSink sink;
    private final List<String> events;
    private boolean started;

    FakeStream(ChangeSink sink, List<String> events) {
        this.sink = sink;
        this.events = events;
    }

    void deliver(ChangedKey change) {
        if (!started) {
            throw new IllegalStateException("a change was delivered before the stream started");
        }
        sink.accept(List.of(change));
    }

    @Override
    public void start(Duration timeout) {
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
    public void close() {
        events.add("stream closed");
    }
}
