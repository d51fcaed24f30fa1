package dev.osc.engine.copy;

import java.util.Collections;
import java.util.List;

/**
 * Dirty keys taken for one apply, with the newest transaction id seen for each key and the
 * sequence of the stream batch that last marked it (0 for a key no stream batch marked).
 */
public record KeyBatch(List<List<String>> keys, List<Long> txIds, List<Long> sequences) {
    public KeyBatch {
        if (keys.size() != txIds.size()) {
            throw new IllegalArgumentException("one transaction id per key");
        }
        if (keys.size() != sequences.size()) {
            throw new IllegalArgumentException("one batch sequence per key");
        }
    }

    /** A batch of keys no stream batch marked. */
    public KeyBatch(List<List<String>> keys, List<Long> txIds) {
        this(keys, txIds, Collections.nCopies(keys.size(), 0L));
    }

    public int size() {
        return keys.size();
    }

    public boolean isEmpty() {
        return keys.isEmpty();
    }

    /** The lowest stream batch sequence among the keys (0 when none was marked by a stream batch). */
    public long lowestSequence() {
        long lowest = 0;
        for (long s : sequences) {
            if (s > 0 && (lowest == 0 || s < lowest)) {
                lowest = s;
            }
        }
        return lowest;
    }
}
