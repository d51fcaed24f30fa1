package dev.osc.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/** Samples a heap figure (by default: used heap) on a daemon thread and keeps the largest value seen. */
final class HeapSampler implements AutoCloseable {
    static final long INTERVAL_MILLIS = 50;

    private final LongSupplier usedBytes;
    private final long intervalMillis;
    private final AtomicLong peak = new AtomicLong();
    private final Thread thread;
    private volatile boolean running = true;

    HeapSampler(LongSupplier usedBytes, long intervalMillis) {
        this.usedBytes = usedBytes;
        this.intervalMillis = intervalMillis;
        this.thread = new Thread(this::loop, "heap-sampler");
        this.thread.setDaemon(true);
    }

    /** A sampler of this JVM's used heap every 50 ms, already running. */
    static HeapSampler start() {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        return new HeapSampler(() -> memory.getHeapMemoryUsage().getUsed(), INTERVAL_MILLIS).begin();
    }

    HeapSampler begin() {
        sample();
        thread.start();
        return this;
    }

    private void loop() {
        while (running) {
            sample();
            try {
                Thread.sleep(intervalMillis);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    void sample() {
        peak.accumulateAndGet(usedBytes.getAsLong(), Math::max);
    }

    /** The largest value seen so far. */
    long peakBytes() {
        return peak.get();
    }

    /** Stops sampling (after one last sample) and returns the largest value seen. */
    long stop() {
        running = false;
        thread.interrupt();
        try {
            thread.join(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        sample();
        return peak.get();
    }

    @Override
    public void close() {
        if (running) {
            stop();
        }
    }
}
