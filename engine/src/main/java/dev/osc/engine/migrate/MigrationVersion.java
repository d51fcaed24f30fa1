package dev.osc.engine.migrate;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/**
 * A migration's version as Flyway writes it ({@code 1}, {@code 1.2}, {@code 2_10}): dot- or
 * underscore-separated numbers, compared part by part numerically, so {@code 1.10} comes after
 * {@code 1.9}. Trailing zero parts do not count: {@code 1.0} and {@code 1} are the same version.
 */
public record MigrationVersion(List<BigInteger> parts) implements Comparable<MigrationVersion> {

    public MigrationVersion {
        List<BigInteger> trimmed = new ArrayList<>(parts);
        while (trimmed.size() > 1 && trimmed.get(trimmed.size() - 1).signum() == 0) {
            trimmed.remove(trimmed.size() - 1);
        }
        parts = List.copyOf(trimmed);
    }

    /** Parses {@code text}; anything but numbers separated by single dots or underscores is an IllegalArgumentException. */
    public static MigrationVersion parse(String text) {
        if (text == null || !text.matches("\\d+([._]\\d+)*")) {
            throw new IllegalArgumentException("'" + text + "' is not a version (write it like 1, 1.2 or 2_10)");
        }
        List<BigInteger> parts = new ArrayList<>();
        for (String part : text.split("[._]")) {
            parts.add(new BigInteger(part));
        }
        return new MigrationVersion(parts);
    }

    @Override
    public int compareTo(MigrationVersion other) {
        for (int i = 0; i < Math.max(parts.size(), other.parts.size()); i++) {
            BigInteger a = i < parts.size() ? parts.get(i) : BigInteger.ZERO;
            BigInteger b = i < other.parts.size() ? other.parts.get(i) : BigInteger.ZERO;
            int c = a.compareTo(b);
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }

    @Override
    public String toString() {
        return String.join(".", parts.stream().map(BigInteger::toString).toList());
    }
}
