package dev.osc.engine.rows;

import dev.osc.engine.copy.Bound;
import java.util.List;

/**
 * Which source rows a statement reads: a key range, or a key list optionally bounded above
 * (then {@code lower} is none). {@code keys} is null for a range.
 */
public record RowSelection(List<List<String>> keys, Bound lower, Bound upper) {

    public static RowSelection range(Bound lower, Bound upper) {
        return new RowSelection(null, lower, upper);
    }

    public static RowSelection keys(List<List<String>> keys, Bound upTo) {
        return new RowSelection(List.copyOf(keys), Bound.none(), upTo);
    }

    public boolean byKeyList() {
        return keys != null;
    }

    public int count() {
        return keys == null ? 0 : keys.size();
    }

    public boolean hasLower() {
        return lower.kind() == Bound.Kind.KEY;
    }

    public boolean hasUpper() {
        return upper.kind() == Bound.Kind.KEY;
    }
}
