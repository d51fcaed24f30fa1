package dev.osc.engine.copy;

import java.util.List;

/**
 * What one apply did: {@code visible} false when some transaction of the batch was not yet
 * visible to the apply's snapshot (the batch must be retried, invariant 7); {@code staleKeys} are
 * shadow rows removed because they conflicted on another unique key (invariant 8) and that must
 * be re-read.
 */
public record ApplyOutcome(boolean visible, long rowsWritten, List<List<String>> staleKeys) {
    public static ApplyOutcome notVisibleYet() {
        return new ApplyOutcome(false, 0, List.of());
    }
}
