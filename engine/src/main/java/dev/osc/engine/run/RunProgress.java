package dev.osc.engine.run;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/** Live counters of one run, read by the progress printer and the final report. */
public final class RunProgress {
    public final AtomicLong rowsCopied = new AtomicLong();
    /** Rows a stopped run had copied before this one resumed it (counted in {@link #rowsCopied}, not in this run's rate). */
    public final AtomicLong rowsResumed = new AtomicLong();
    public final AtomicLong estimatedRows = new AtomicLong();
    public final AtomicLong changesApplied = new AtomicLong();
    public final AtomicLong changesSeen = new AtomicLong();
    public final AtomicLong dirtyKeys = new AtomicLong();
    public final AtomicLong streamLagMillis = new AtomicLong();
    public final AtomicLong streamLagMaxMillis = new AtomicLong();
    public final AtomicLong chunkRows = new AtomicLong();
    public final AtomicReference<String> phase = new AtomicReference<>("plan");
    /** Why the copy waits now (the first throttle signal's reason), null while it goes. */
    public final AtomicReference<String> throttleReason = new AtomicReference<>();

    private volatile Consumer<String> phaseListener = name -> { };
    private volatile Consumer<Duration> chunkListener = took -> { };

    public void phase(String name) {
        phase.set(name);
        phaseListener.accept(name);
    }

    /** Called with the name of every phase as it begins (a benchmark marks them on its timeline). */
    public void onPhase(Consumer<String> listener) {
        this.phaseListener = listener;
    }

    /** A chunk was copied and committed in {@code took}. */
    public void chunkCopied(Duration took) {
        chunkListener.accept(took);
    }

    /** Called with the time of every chunk copied (the metrics' histogram). */
    public void onChunk(Consumer<Duration> listener) {
        this.chunkListener = listener;
    }

    /** The change stream's current lag; the largest seen is kept for the report. */
    public void streamLag(long millis) {
        streamLagMillis.set(millis);
        streamLagMaxMillis.accumulateAndGet(millis, Math::max);
    }
}
