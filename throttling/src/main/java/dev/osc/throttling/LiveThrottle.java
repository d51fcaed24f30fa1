package dev.osc.throttling;

import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Thread-safe run-time throttle controls that a DBA may change while a run goes: the rate, the chunk target, the
 * manual pause, and the limits of the signals the run watches ({@code max-load}), each defined once by the signal
 * it belongs to and read by it on every sample.
 */
public final class LiveThrottle {

    private final Map<String, Long> limits = new ConcurrentHashMap<>();

    private volatile long maxRowsPerSecond;
    private volatile Duration chunkTarget;
    private volatile boolean paused;

    public LiveThrottle(ThrottleSettings settings) {
        if (settings == null) {
            throw new IllegalArgumentException("settings must not be null");
        }
        this.maxRowsPerSecond = settings.maxRowsPerSecond();
        this.chunkTarget = settings.chunkTarget();
    }

    /** Current row-rate cap; 0 means unlimited. */
    public long maxRowsPerSecond() {
        return maxRowsPerSecond;
    }

    public void setMaxRowsPerSecond(long maxRowsPerSecond) {
        this.maxRowsPerSecond = ThrottleLimits.checkMaxRowsPerSecond(maxRowsPerSecond);
    }

    public Duration chunkTarget() {
        return chunkTarget;
    }

    public void setChunkTarget(Duration chunkTarget) {
        this.chunkTarget = ThrottleLimits.checkChunkTarget(chunkTarget);
    }

    public void pause() {
        paused = true;
    }

    public void resume() {
        paused = false;
    }

    public boolean isPaused() {
        return paused;
    }

    /** Makes {@code name} a live limit starting at {@code initial}; what its signal reads on every sample. */
    public LongSupplier defineLimit(String name, long initial) {
        if (initial < 1) {
            throw new IllegalArgumentException(name + ": the limit must be at least 1, was " + initial);
        }
        if (limits.putIfAbsent(name, initial) != null) {
            throw new IllegalArgumentException(name + " is defined already");
        }
        return () -> limits.get(name);
    }

    /** Changes a defined limit; only a limit the run watches can be changed, to 1 or more. */
    public void setLimit(String name, long value) {
        if (!limits.containsKey(name)) {
            throw new IllegalArgumentException(name + " is not watched by this run (only a limit given at start can be changed)");
        }
        if (value < 1) {
            throw new IllegalArgumentException(name + " must be at least 1, was " + value);
        }
        limits.put(name, value);
    }

    /** The defined limits by name, sorted. */
    public Map<String, Long> limits() {
        return new TreeMap<>(limits);
    }

    @Override
    public String toString() {
        return "LiveThrottle[maxRowsPerSecond=" + maxRowsPerSecond + ", chunkTarget=" + chunkTarget
                + ", paused=" + paused + ", limits=" + limits() + "]";
    }
}
