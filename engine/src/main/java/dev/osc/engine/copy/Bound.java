package dev.osc.engine.copy;

import java.util.List;

/**
 * An upper bound of the copy in key order: nothing copied yet, everything up to and including a
 * key, or the whole table (the last chunk is unbounded above).
 */
public record Bound(Kind kind, List<String> key) {

    /** Which of the three a bound is. */
    public enum Kind { NONE, KEY, ALL }

    public static Bound none() {
        return new Bound(Kind.NONE, List.of());
    }

    public static Bound upTo(List<String> key) {
        return new Bound(Kind.KEY, List.copyOf(key));
    }

    public static Bound all() {
        return new Bound(Kind.ALL, List.of());
    }

    public boolean isAll() {
        return kind == Kind.ALL;
    }

    public boolean isNone() {
        return kind == Kind.NONE;
    }
}
