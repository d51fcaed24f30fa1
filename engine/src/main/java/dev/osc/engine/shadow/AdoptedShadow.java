package dev.osc.engine.shadow;

import dev.osc.engine.model.Column;
import java.util.List;

/**
 * The check that a crashed run's shadow is the one this run would build: the ALTER applied to the
 * source as it stands now gives the same columns (name, type, nullability, in order). When the
 * source was altered while osc was down, the shadow no longer fits it and cannot be resumed.
 */
public final class AdoptedShadow {
    private AdoptedShadow() {
    }

    /** Why {@code existing} is not the shadow {@code expected} describes, or null when it is. */
    public static String mismatch(List<Column> expected, List<Column> existing) {
        List<String> want = expected.stream().map(AdoptedShadow::line).toList();
        List<String> have = existing.stream().map(AdoptedShadow::line).toList();
        if (want.equals(have)) {
            return null;
        }
        return "its shadow has columns (" + String.join(", ", have) + ") but the ALTER of the source as it is now gives ("
                + String.join(", ", want) + ")";
    }

    private static String line(Column c) {
        return c.name() + " " + c.type() + (c.nullable() ? "" : " not null");
    }
}
