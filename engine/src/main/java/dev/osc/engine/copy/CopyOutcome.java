package dev.osc.engine.copy;

import java.util.List;

/**
 * What one chunk copy did: the rows copied, and the keys of shadow rows removed because they
 * conflicted on another unique key (invariant 8), which must be re-read.
 */
public record CopyOutcome(long rows, List<List<String>> staleKeys) {
    public CopyOutcome {
        staleKeys = List.copyOf(staleKeys);
    }
}
