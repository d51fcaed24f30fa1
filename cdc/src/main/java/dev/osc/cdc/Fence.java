package dev.osc.cdc;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.Set;

/**
 * Proof that the stream has caught up with a point in time: the caller writes a marker row into
 * the marker table after that point, and {@link #await} returns once the marker's key came back
 * through the stream. The stream delivers commits in commit order, so every write committed
 * before the marker has been delivered too.
 */
public final class Fence {
    private final String schema;
    private final String table;
    private final Clock clock;
    private final Set<String> seen = new HashSet<>();
    /** Markers whose wait timed out: dropped when they arrive late, so a lagging stream leaves nothing behind. */
    private final Set<String> abandoned = new HashSet<>();

    public Fence(String schema, String table, Clock clock) {
        this.schema = schema;
        this.table = table;
        this.clock = clock;
    }

    /** True when the change belongs to the marker table (and was recorded). */
    public boolean observe(ChangedKey change) {
        if (!change.isFor(schema, table)) {
            return false;
        }
        synchronized (seen) {
            String marker = change.key().get(0);
            if (!abandoned.remove(marker)) {
                seen.add(marker);
                seen.notifyAll();
            }
        }
        return true;
    }

    /**
     * Waits until one of the markers arrived, which it leaves in place: true then; false when the
     * timeout passed first, and every one is still awaited. The caller {@link #abandon}s them once done.
     */
    public boolean awaitAny(Collection<String> markers, Duration timeout) throws InterruptedException {
        Instant deadline = clock.instant().plus(timeout);
        synchronized (seen) {
            while (markers.stream().noneMatch(seen::contains)) {
                long left = Duration.between(clock.instant(), deadline).toMillis();
                if (left <= 0) {
                    return false;
                }
                seen.wait(Math.min(left, 50));
            }
            return true;
        }
    }

    /** Done with the markers: those that arrived are forgotten, the others are dropped when they arrive. */
    public void abandon(Collection<String> markers) {
        synchronized (seen) {
            for (String marker : markers) {
                if (!seen.remove(marker)) {
                    abandoned.add(marker);
                }
            }
        }
    }

    /** Waits until the marker arrived; false when the timeout passed first. */
    public boolean await(String marker, Duration timeout) throws InterruptedException {
        Instant deadline = clock.instant().plus(timeout);
        synchronized (seen) {
            while (!seen.remove(marker)) {
                long left = Duration.between(clock.instant(), deadline).toMillis();
                if (left <= 0) {
                    abandoned.add(marker);
                    return false;
                }
                seen.wait(Math.min(left, 50));
            }
            return true;
        }
    }
}
