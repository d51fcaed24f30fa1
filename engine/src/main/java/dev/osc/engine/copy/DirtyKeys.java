package dev.osc.engine.copy;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The set of keys whose rows changed since they were last made to agree, fed by the change
 * stream's thread and drained by the single writer. A hot key is kept once, with the newest
 * transaction id that touched it.
 */
public final class DirtyKeys {
    private final Map<List<String>, Long> keys = new LinkedHashMap<>();
    private long marked;

    public synchronized void mark(List<String> key, long txId) {
        keys.merge(key, txId, Math::max);
        marked++;
    }

    /** Takes up to {@code max} keys, oldest first. */
    public synchronized KeyBatch drain(int max) {
        List<List<String>> out = new ArrayList<>(Math.min(max, keys.size()));
        List<Long> tx = new ArrayList<>(Math.min(max, keys.size()));
        Iterator<Map.Entry<List<String>, Long>> it = keys.entrySet().iterator();
        while (it.hasNext() && out.size() < max) {
            Map.Entry<List<String>, Long> e = it.next();
            out.add(e.getKey());
            tx.add(e.getValue());
            it.remove();
        }
        return new KeyBatch(out, tx);
    }

    /** Puts a batch back that could not be applied yet. */
    public synchronized void restore(KeyBatch batch) {
        for (int i = 0; i < batch.size(); i++) {
            keys.merge(batch.keys().get(i), batch.txIds().get(i), Math::max);
        }
    }

    public synchronized int size() {
        return keys.size();
    }

    /** How many marks were ever made, counting repeats of a hot key. */
    public synchronized long marked() {
        return marked;
    }
}
