package dev.osc.engine.copy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The set of keys whose rows changed since they were last made to agree, fed by the change
 * stream's thread and drained by the single writer. A hot key is kept once, with the newest
 * transaction id that touched it and the sequence of the newest stream batch that marked it.
 *
 * <p>It also answers how far the stream may acknowledge: a key is pending from its mark until an
 * apply drained after that mark commits ({@link #applied}); {@link #acknowledgeable()} is the
 * highest delivered batch sequence below every pending key's sequence. Keeping only a key's newest
 * sequence is enough: one re-read after the newest change covers the older ones, and a restart
 * from any position before the newest batch delivers the key again.
 */
public final class DirtyKeys {
    /**
     * The sequence of a mark no stream batch made: it neither holds nor advances acknowledgements.
     * The copier's unique-conflict repair marks with it. That is safe: the shadow row it removed is
     * stale because its source row changed (the source has the same unique key), and that change
     * has not been applied yet (an applied one would have made the shadow row current), so the key
     * is still pending under its own batch's sequence, or its batch was not delivered yet: either
     * holds the acknowledgement, and a restart delivers the key again.
     */
    public static final long NO_BATCH = 0;

    private static final class Pending {
        long txId;
        long sequence;

        Pending(long txId, long sequence) {
            this.txId = txId;
            this.sequence = sequence;
        }
    }

    private final Map<List<String>, Pending> keys = new LinkedHashMap<>();
    /** For each stream batch sequence, how many keys marked by it are dirty or in flight. */
    private final TreeMap<Long, int[]> pendingPerSequence = new TreeMap<>();
    private final Set<KeyBatch> inFlight = Collections.newSetFromMap(new IdentityHashMap<>());
    // the counter of the sequence held last: marks of one stream batch come in a row
    private long heldSequence = NO_BATCH;
    private int[] heldCount;
    private long delivered;
    private long marked;

    /** Marks a key that no stream batch carried (see {@link #NO_BATCH}). */
    public synchronized void mark(List<String> key, long txId) {
        mark(key, txId, NO_BATCH);
    }

    /** Marks a key carried by the stream batch {@code sequence}. */
    public synchronized void mark(List<String> key, long txId, long sequence) {
        marked++;
        put(key, txId, sequence);
    }

    /**
     * Every key of the stream's batches up to {@code sequence} has been marked: until then the
     * acknowledgement stays below it, even while none of its keys is pending yet.
     */
    public synchronized void delivered(long sequence) {
        delivered = Math.max(delivered, sequence);
    }

    /** Takes up to {@code max} keys, oldest first; they stay pending until {@link #applied} or {@link #restore}. */
    public synchronized KeyBatch drain(int max) {
        int n = Math.min(max, keys.size());
        List<List<String>> out = new ArrayList<>(n);
        List<Long> tx = new ArrayList<>(n);
        List<Long> sequences = new ArrayList<>(n);
        Iterator<Map.Entry<List<String>, Pending>> it = keys.entrySet().iterator();
        while (it.hasNext() && out.size() < max) {
            Map.Entry<List<String>, Pending> e = it.next();
            out.add(e.getKey());
            tx.add(e.getValue().txId);
            sequences.add(e.getValue().sequence);
            it.remove();
        }
        KeyBatch batch = new KeyBatch(out, tx, sequences);
        if (!batch.isEmpty()) {
            inFlight.add(batch);
        }
        return batch;
    }

    /** Puts a batch back that could not be applied yet. */
    public synchronized void restore(KeyBatch batch) {
        settle(batch);
        for (int i = 0; i < batch.size(); i++) {
            long sequence = batch.sequences().get(i);
            release(sequence);
            put(batch.keys().get(i), batch.txIds().get(i), sequence);
        }
    }

    /** The apply of a drained batch committed. */
    public synchronized void applied(KeyBatch batch) {
        applied(batch, List.of());
    }

    /**
     * The apply of a drained batch committed, and removed the shadow rows of {@code staleKeys}
     * (invariant 8). They are marked with the batch's lowest sequence before the batch stops being
     * pending, so the acknowledgement cannot pass the batch until they were re-read.
     */
    public synchronized void applied(KeyBatch batch, List<List<String>> staleKeys) {
        settle(batch);
        long sequence = batch.lowestSequence();
        for (List<String> stale : staleKeys) {
            marked++;
            put(stale, 0, sequence);
        }
        for (long s : batch.sequences()) {
            release(s);
        }
    }

    /**
     * The highest sequence S such that every key marked by a batch up to S has been applied
     * (or dropped above the committed copy watermark); 0 before the first delivered batch.
     */
    public synchronized long acknowledgeable() {
        if (pendingPerSequence.isEmpty()) {
            return delivered;
        }
        return Math.min(delivered, pendingPerSequence.firstKey() - 1);
    }

    public synchronized int size() {
        return keys.size();
    }

    /** How many marks were ever made, counting repeats of a hot key. */
    public synchronized long marked() {
        return marked;
    }

    private void put(List<String> key, long txId, long sequence) {
        Pending p = keys.get(key);
        if (p == null) {
            keys.put(key, new Pending(txId, sequence));
            hold(sequence);
            return;
        }
        p.txId = Math.max(p.txId, txId);
        if (sequence > p.sequence) {
            release(p.sequence);
            hold(sequence);
            p.sequence = sequence;
        }
    }

    private void settle(KeyBatch batch) {
        if (!batch.isEmpty() && !inFlight.remove(batch)) {
            throw new IllegalStateException("this batch of " + batch.size()
                    + " keys was not drained here, or was applied or restored already");
        }
    }

    private void hold(long sequence) {
        if (sequence <= NO_BATCH) {
            return;
        }
        if (sequence != heldSequence) {
            heldCount = pendingPerSequence.computeIfAbsent(sequence, s -> new int[1]);
            heldSequence = sequence;
        }
        heldCount[0]++;
    }

    private void release(long sequence) {
        if (sequence <= NO_BATCH) {
            return;
        }
        int[] count = sequence == heldSequence ? heldCount : pendingPerSequence.get(sequence);
        if (--count[0] == 0) {
            pendingPerSequence.remove(sequence);
            if (sequence == heldSequence) {
                heldSequence = NO_BATCH;
                heldCount = null;
            }
        }
    }
}
