package dev.osc.engine.run;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/** Live counters of one run, read by the progress printer and the final report. */
public final class RunProgress {
    public final AtomicLong rowsCopied = new AtomicLong();
    public final AtomicLong estimatedRows = new AtomicLong();
    public final AtomicLong changesApplied = new AtomicLong();
    public final AtomicLong changesSeen = new AtomicLong();
    public final AtomicLong dirtyKeys = new AtomicLong();
    public final AtomicLong streamLagMillis = new AtomicLong();
    public final AtomicLong chunkRows = new AtomicLong();
    public final AtomicReference<String> phase = new AtomicReference<>("plan");

    public void phase(String name) {
        phase.set(name);
    }
}
