package dev.osc.engine.shadow;

import dev.osc.engine.model.TableName;
import dev.osc.engine.run.OscException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The source's definition (columns, indexes, constraints, as the dialect reads them from the
 * catalog) when the run began, and the check that it is still the same. A schema change made on
 * the source while the run copies is not in the shadow: swapping would silently lose it (and, for
 * a new column, its data), so the run stops before the swap, naming the change. Checked now and
 * then while the run goes, and under the swap's lock, where no DDL can slip in before the rename.
 */
public final class SourceShape {

    /** How the dialect reads the source's definition: one line per column, index or constraint. */
    @FunctionalInterface
    public interface Reader {
        List<String> read(Connection c) throws SQLException;
    }

    private final TableName source;
    private final Reader reader;
    private final Set<String> baseline;

    private SourceShape(TableName source, Reader reader, Set<String> baseline) {
        this.source = source;
        this.reader = reader;
        this.baseline = baseline;
    }

    /** Reads the definition the run starts from (before the shadow is built from it). */
    public static SourceShape capture(TableName source, Reader reader, Connection c) throws SQLException {
        return new SourceShape(source, reader, new LinkedHashSet<>(reader.read(c)));
    }

    /** The definition as text, one line each, as the run's state row keeps it. */
    public String text() {
        return String.join("\n", baseline);
    }

    /** The lines of a definition kept as {@link #text()}; null for null. */
    public static List<String> lines(String text) {
        return text == null ? null : text.isEmpty() ? List.of() : List.of(text.split("\n", -1));
    }

    /** What differs between a definition read before and one read now: {@code now X}, {@code no longer Y}; empty when equal. */
    public static List<String> changes(java.util.Collection<String> before, java.util.Collection<String> now) {
        Set<String> was = new LinkedHashSet<>(before);
        Set<String> is = new LinkedHashSet<>(now);
        List<String> changes = new ArrayList<>();
        for (String line : is) {
            if (!was.contains(line)) {
                changes.add("now " + line);
            }
        }
        for (String line : was) {
            if (!is.contains(line)) {
                changes.add("no longer " + line);
            }
        }
        return changes;
    }

    /** Throws (the run fails, exit 1) when the source's definition differs from the baseline. */
    public void check(Connection c) throws SQLException {
        List<String> changes = changes(baseline, reader.read(c));
        if (changes.isEmpty()) {
            return;
        }
        throw OscException.failed("the source table " + source + " was altered while osc ran (" + String.join("; ", changes)
                + "); the shadow lacks that change, so nothing was swapped and everything the run created is removed; "
                + "run osc again to alter the table as it is now", null);
    }
}
