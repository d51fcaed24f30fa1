package dev.osc.engine.run;

import dev.osc.cdc.ChangeStream;
import dev.osc.engine.shadow.FenceWriter;
import dev.osc.throttling.Probe;
import java.time.Duration;

/**
 * The change stream's lag for {@code --max-stream-lag-ms}. The stream measures lag on the
 * batches it delivers, so with no writes its last value would stay: a lag at or over the limit
 * is confirmed with a sentinel, whose return (within the limit, at most a second) refreshes it.
 */
final class StreamLagProbe implements Probe {
    private static final Duration MAX_CONFIRM_WAIT = Duration.ofSeconds(1);

    private final ChangeStream stream;
    private final FenceWriter fence;
    private final long limitMillis;

    StreamLagProbe(ChangeStream stream, FenceWriter fence, long limitMillis) {
        this.stream = stream;
        this.fence = fence;
        this.limitMillis = limitMillis;
    }

    @Override
    public long read() throws Exception {
        long lag = stream.lagMillis();
        if (lag < limitMillis) {
            return lag;
        }
        Duration wait = Duration.ofMillis(limitMillis).compareTo(MAX_CONFIRM_WAIT) < 0 ? Duration.ofMillis(limitMillis) : MAX_CONFIRM_WAIT;
        return fence.writeAndAwait(wait) ? stream.lagMillis() : lag;
    }
}
