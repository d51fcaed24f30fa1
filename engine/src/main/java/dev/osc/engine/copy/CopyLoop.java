package dev.osc.engine.copy;

import dev.osc.engine.run.RunProgress;
import dev.osc.throttling.ChunkSizer;
import dev.osc.throttling.RowRateLimiter;
import dev.osc.throttling.Sleeper;
import dev.osc.throttling.ThrottleDecision;
import dev.osc.throttling.Throttler;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The single writer of the shadow table: it alternates between applying dirty keys and copying
 * the next chunk, so no apply ever runs while a chunk is in flight. It asks the throttler and the
 * rate limiter before every chunk and applies waiting changes before copy work, also while the
 * throttler holds the copy: the stream must not fall behind.
 */
public final class CopyLoop {
    /** Gives up on a batch whose transactions never become visible (invariant 7). */
    private static final Duration VISIBILITY_PATIENCE = Duration.ofSeconds(30);
    /** How long one throttled step waits before changes are applied and the throttler asked again. */
    static final Duration THROTTLED_STEP = Duration.ofMillis(100);

    private final ChunkCopier copier;
    private final DirtyKeys dirty;
    private final CopyWatermark watermark;
    private final ChunkSizer sizer;
    private final RowRateLimiter limiter;
    private final RunProgress progress;
    private final Clock clock;
    private final Sleeper sleeper;
    private final HealthCheck health;
    private final int applyBatch;
    private final Throttler throttler;
    private CopyWorkers workers;
    private ShadowKey key = ShadowKey.PRESENT;

    /** Throws when something outside the loop failed (the change stream stopped, say). */
    @FunctionalInterface
    public interface HealthCheck {
        void check() throws Exception;
    }

    public CopyLoop(ChunkCopier copier, DirtyKeys dirty, CopyWatermark watermark, ChunkSizer sizer,
                    RowRateLimiter limiter, RunProgress progress, Clock clock, Sleeper sleeper, HealthCheck health,
                    int applyBatch) {
        this(copier, dirty, watermark, sizer, limiter, Throttler.none(clock), progress, clock, sleeper, health, applyBatch);
    }

    public CopyLoop(ChunkCopier copier, DirtyKeys dirty, CopyWatermark watermark, ChunkSizer sizer,
                    RowRateLimiter limiter, Throttler throttler, RunProgress progress, Clock clock, Sleeper sleeper,
                    HealthCheck health, int applyBatch) {
        this.throttler = throttler;
        this.copier = copier;
        this.dirty = dirty;
        this.watermark = watermark;
        this.sizer = sizer;
        this.limiter = limiter;
        this.progress = progress;
        this.clock = clock;
        this.sleeper = sleeper;
        this.health = health;
        this.applyBatch = applyBatch;
    }

    /** Copies with several workers: each step copies up to that many consecutive chunks at once ({@link CopyWorkers}). */
    public void copyWith(CopyWorkers workers) {
        this.workers = workers;
    }

    /** The shadow's key, when the dialect left it off for the copy: no change is applied before it is built. */
    public void keyedBy(ShadowKey key) {
        this.key = key;
    }

    /** Copies every chunk, applying dirty keys between chunks (between steps, with copy workers). */
    public void copyAll(KeyApplier applier) throws Exception {
        Bound lower = watermark.committed();
        while (!watermark.copyComplete()) {
            health.check();
            if (dirty.size() > 0 && keyReady()) {
                // changes first: fewer stale shadow rows for the next chunk to run into
                applyAvailable(applier);
            }
            waitWhileThrottled(applier);
            // at most a second of rows at the rate limit: a changed limit takes effect at the next chunk
            int rows = limiter.cap(sizer.nextChunkRows());
            progress.chunkRows.set(rows);
            int chunks = workers == null ? 1 : workers.size();
            limiter.acquire((long) rows * chunks);
            List<Bound> bounds = new ArrayList<>(List.of(lower));
            while (bounds.size() <= chunks && !bounds.get(bounds.size() - 1).isAll()) {
                Optional<List<String>> next = copier.upperBound(bounds.get(bounds.size() - 1), rows);
                bounds.add(next.map(Bound::upTo).orElse(Bound.all()));
            }
            Bound upper = bounds.get(bounds.size() - 1);
            watermark.publish(upper);
            Instant start = clock.instant();
            List<CopyOutcome> copied = bounds.size() == 2 ? List.of(copier.copy(lower, upper)) : workers.copy(bounds);
            for (CopyOutcome outcome : copied) {
                for (List<String> stale : outcome.staleKeys()) {
                    dirty.mark(stale, 0);
                }
                progress.rowsCopied.addAndGet(outcome.rows());
            }
            watermark.commitPublished();
            Duration took = Duration.between(start, clock.instant());
            sizer.record(rows, took);
            progress.chunkCopied(took);
            lower = upper;
        }
    }

    /** While a throttle signal holds the copy: waits in steps, applying the changes that arrive meanwhile. */
    private void waitWhileThrottled(KeyApplier applier) throws Exception {
        if (throttler.isEmpty()) {
            return;
        }
        for (ThrottleDecision d = throttler.decide(); d.throttled(); d = throttler.decide()) {
            progress.throttleReason.set(d.reason());
            if (dirty.size() > 0 && !key.present()) {
                // the copy waits anyway, and changes waiting for the key would hold the stream back meanwhile
                key.build("the copy is throttled (" + d.reason() + ") with " + dirty.size() + " changes waiting for it");
            }
            sleeper.sleep(THROTTLED_STEP);
            health.check();
            if (dirty.size() > 0) {
                applyAvailable(applier);
            }
        }
        progress.throttleReason.set(null);
    }

    /** Whether changes may be applied now: the key is there, or it was due and is built now. */
    private boolean keyReady() throws Exception {
        if (key.present()) {
            return true;
        }
        String why = key.dueEarly(dirty.size());
        if (why == null) {
            return false;
        }
        key.build(why);
        return true;
    }

    /** Applies until at most {@code threshold} keys wait, or the time is up. */
    public void catchUp(KeyApplier applier, int threshold, Duration maxTime) throws Exception {
        Instant deadline = clock.instant().plus(maxTime);
        while (dirty.size() > threshold) {
            health.check();
            if (clock.instant().isAfter(deadline)) {
                throw new IllegalStateException("could not catch up with the change stream within "
                        + maxTime.toSeconds() + " s (" + dirty.size() + " keys waiting); lower the write load or raise the rate");
            }
            applyAvailable(applier);
        }
    }

    /** Applies every dirty key now, with this applier (e.g. on the connection holding the lock). */
    public void applyAll(KeyApplier applier) throws Exception {
        while (dirty.size() > 0) {
            applyAvailable(applier);
        }
    }

    /**
     * Applies the keys waiting now, batch by batch (keys marked meanwhile wait for the next call,
     * so callers get to check their deadlines); retries batches not yet visible.
     */
    public void applyAvailable(KeyApplier applier) throws Exception {
        if (!key.present() && dirty.size() > 0) {
            key.build(dirty.size() + " changes are to be applied");
        }
        Instant notVisibleSince = null;
        long budget = Math.max(applyBatch, dirty.size());
        long applied = 0;
        while (applied < budget) {
            KeyBatch batch = dirty.drain(applyBatch);
            if (batch.isEmpty()) {
                break;
            }
            ApplyOutcome outcome = applier.apply(batch, watermark.committed());
            if (!outcome.visible()) {
                dirty.restore(batch);
                if (notVisibleSince == null) {
                    notVisibleSince = clock.instant();
                } else if (Duration.between(notVisibleSince, clock.instant()).compareTo(VISIBILITY_PATIENCE) > 0) {
                    throw new IllegalStateException("changes reported by the stream stayed invisible for "
                            + VISIBILITY_PATIENCE.toSeconds() + " s");
                }
                sleeper.sleep(Duration.ofMillis(2));
                continue;
            }
            notVisibleSince = null;
            // committed: the batch stops holding the stream's acknowledgement; its stale keys hold it until re-read
            dirty.applied(batch, outcome.staleKeys());
            progress.changesApplied.addAndGet(batch.size());
            applied += batch.size();
            if (batch.size() < applyBatch) {
                break;
            }
        }
        progress.dirtyKeys.set(dirty.size());
    }
}
