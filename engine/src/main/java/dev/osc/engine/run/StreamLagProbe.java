package dev.osc.engine.run;

import dev.osc.engine.shadow.FenceWriter;
import dev.osc.throttling.Probe;
import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * The change stream's lag for {@code --max-stream-lag-ms}. The stream measures lag on the
 * batches it delivers, so with no writes its last value would stay: a lag at or over the limit
 * is confirmed with a sentinel, whose return (within the limit, at most a second) refreshes it.
 */
final class StreamLagProbe implements Probe {
    private static final Duration MAX_CONFIRM_WAIT = Duration.ofSeconds(1);

    private final LongSupplier lag;
    private final FenceWriter fence;
    private final long limitMillis;

    StreamLagProbe(LongSupplier lag, FenceWriter fence, long limitMillis) {
        this.lag = lag;
        this.fence = fence;
        this.limitMillis = limitMillis;
    }

    @Override
    public long read() throws Exception {
        long last = lag.getAsLong();
        if (last < limitMillis) {
            return last;
        }
        Duration wait = Duration.ofMillis(limitMillis).compareTo(MAX_CONFIRM_WAIT) < 0 ? Duration.ofMillis(limitMillis) : MAX_CONFIRM_WAIT;
        return fence.writeAndAwait(wait) ? lag.getAsLong() : last;
    }
}
