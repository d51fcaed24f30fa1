package dev.osc.engine.copy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Copy workers: consecutive chunks of one step copied at once, each on its own connection and in
 * its own transaction, then committed in key order, the last with the step's checkpoint: the
 * checkpointed watermark is always a low watermark over committed chunks (invariant 4; one
 * checkpoint per step, as the state row taken by one transaction after another would fail a
 * REPEATABLE READ worker). A crash between the commits of a step leaves chunks above the
 * checkpoint, which a resumed run discards first ({@link ChunkCopier#discardAbove}). The loop
 * publishes the step's upper bound before any worker starts and applies no change until all of
 * them committed (invariants 2, 3).
 * If a worker fails, every uncommitted chunk is rolled back and the step copied again chunk by
 * chunk on the first copier, with its retries.
 */
public final class CopyWorkers implements AutoCloseable {
    private final List<ChunkCopier> copiers;
    private final ExecutorService pool;

    /** {@code copiers}: one per worker connection; the first is the loop's own copier. */
    public CopyWorkers(List<ChunkCopier> copiers) {
        if (copiers.isEmpty()) {
            throw new IllegalArgumentException("at least one copier");
        }
        this.copiers = List.copyOf(copiers);
        AtomicInteger n = new AtomicInteger();
        this.pool = Executors.newFixedThreadPool(copiers.size(), r -> {
            Thread t = new Thread(r, "osc-copy-worker-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    public int size() {
        return copiers.size();
    }

    /** Copies the chunks between consecutive {@code bounds} (at most {@link #size} of them); the outcomes in key order. */
    public List<CopyOutcome> copy(List<Bound> bounds) throws Exception {
        int chunks = bounds.size() - 1;
        if (chunks < 1 || chunks > copiers.size()) {
            throw new IllegalArgumentException("between 1 and " + copiers.size() + " chunks, got " + chunks);
        }
        if (chunks == 1) {
            return List.of(copiers.get(0).copy(bounds.get(0), bounds.get(1)));
        }
        List<Future<ChunkCopier.Staged>> running = new ArrayList<>();
        for (int i = 0; i < chunks; i++) {
            ChunkCopier copier = copiers.get(i);
            Bound lower = bounds.get(i);
            Bound upper = bounds.get(i + 1);
            running.add(pool.submit(() -> copier.stage(lower, upper)));
        }
        List<ChunkCopier.Staged> staged = new ArrayList<>();
        boolean failed = false;
        for (Future<ChunkCopier.Staged> f : running) {
            try {
                staged.add(f.get());
            } catch (ExecutionException e) {
                failed = true;
            }
        }
        if (failed) {
            staged.forEach(ChunkCopier.Staged::rollback);
            return oneByOne(bounds);
        }
        long stepRows = staged.stream().mapToLong(s -> s.outcome().rows()).sum();
        List<CopyOutcome> outcomes = new ArrayList<>();
        try {
            for (ChunkCopier.Staged s : staged) {
                if (outcomes.size() < staged.size() - 1) {
                    s.commit();
                    outcomes.add(s.outcome());
                } else {
                    outcomes.add(lastWithCheckpoint(s, stepRows, bounds));
                }
            }
        } catch (Exception e) {
            // the chunks committed so far and their checkpoint stand; the rest is undone
            staged.subList(outcomes.size(), staged.size()).forEach(ChunkCopier.Staged::rollback);
            throw e;
        }
        return outcomes;
    }

    /**
     * The step's last chunk committed with its checkpoint. Its update of the state row can lose to
     * a write of that row committed after the chunk's snapshot (the stream saving its position:
     * a serialization failure in REPEATABLE READ); then the chunk alone is copied again, with the
     * first copier's retries, the chunks below it being committed already.
     */
    private CopyOutcome lastWithCheckpoint(ChunkCopier.Staged last, long stepRows, List<Bound> bounds) throws Exception {
        try {
            last.commitWithCheckpoint(stepRows);
            return last.outcome();
        } catch (java.sql.SQLException e) {
            last.rollback();
            return copiers.get(0).copy(bounds.get(bounds.size() - 2), bounds.get(bounds.size() - 1));
        }
    }

    private List<CopyOutcome> oneByOne(List<Bound> bounds) throws Exception {
        List<CopyOutcome> outcomes = new ArrayList<>();
        for (int i = 0; i + 1 < bounds.size(); i++) {
            outcomes.add(copiers.get(0).copy(bounds.get(i), bounds.get(i + 1)));
        }
        return outcomes;
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }
}
