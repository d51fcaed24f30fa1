package dev.osc.engine.rows;

import dev.osc.engine.copy.Bound;
import java.sql.SQLException;

/**
 * A chunk copied for the first time found rows of its range already in the shadow: something
 * wrote the shadow above the committed copy watermark (invariant 3). The run stops rather than
 * skip or overwrite them. The database's duplicate error is kept as suppressed, not as the cause,
 * so that it is not taken for data that rejects the change.
 */
public final class ShadowRangeNotEmptyException extends IllegalStateException {

    ShadowRangeNotEmptyException(Bound lower, Bound upper, SQLException duplicate) {
        super("the chunk " + describe(lower, upper) + " is copied for the first time, yet the shadow already holds rows"
                + " in it (something wrote the shadow above the committed copy watermark); the run stops rather than"
                + " skip or overwrite them: " + duplicate.getMessage());
        addSuppressed(duplicate);
    }

    private static String describe(Bound lower, Bound upper) {
        String from = lower.isNone() ? "from the first key" : "above " + lower.key();
        String to = upper.isAll() ? "to the last key" : "up to " + upper.key();
        return "of keys " + from + " " + to;
    }
}
