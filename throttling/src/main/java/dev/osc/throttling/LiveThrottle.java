package dev.osc.throttling;

import java.time.Duration;

/** Thread-safe run-time throttle controls (rate, chunk target, pause) that a DBA may change while a run goes. */
public final class LiveThrottle {

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

    @Override
    public String toString() {
        return "LiveThrottle[maxRowsPerSecond=" + maxRowsPerSecond + ", chunkTarget=" + chunkTarget
                + ", paused=" + paused + "]";
    }
}
