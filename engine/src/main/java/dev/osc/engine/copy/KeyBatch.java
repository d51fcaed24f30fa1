package dev.osc.engine.copy;

import java.util.List;

/** Dirty keys taken for one apply, with the newest transaction id seen for each key. */
public record KeyBatch(List<List<String>> keys, List<Long> txIds) {
    public KeyBatch {
        if (keys.size() != txIds.size()) {
            throw new IllegalArgumentException("one transaction id per key");
        }
    }

    public int size() {
        return keys.size();
    }

    public boolean isEmpty() {
        return keys.isEmpty();
    }
}
