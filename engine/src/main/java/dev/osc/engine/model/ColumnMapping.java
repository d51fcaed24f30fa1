package dev.osc.engine.model;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The column mapping from two catalog readings of the shadow, before and after the ALTER:
 * columns are matched by their stable position, so a rename is a column whose position stayed
 * and whose name changed, and a type change is a column whose type text changed.
 */
public record ColumnMapping(List<MappedColumn> columns) {

    public static ColumnMapping between(List<Column> before, List<Column> after) {
        Map<Integer, Column> afterByPosition = after.stream()
                .collect(Collectors.toMap(Column::position, Function.identity()));
        List<MappedColumn> mapped = new ArrayList<>();
        for (Column b : before) {
            Column a = afterByPosition.remove(b.position());
            if (a == null) {
                mapped.add(new MappedColumn(MappedColumn.Change.DROPPED, b.name(), null, b.type(), null));
                continue;
            }
            boolean renamed = !a.name().equals(b.name());
            boolean retyped = !a.type().equals(b.type());
            MappedColumn.Change change = renamed && retyped ? MappedColumn.Change.RENAMED_AND_RETYPED
                    : renamed ? MappedColumn.Change.RENAMED
                    : retyped ? MappedColumn.Change.RETYPED
                    : MappedColumn.Change.KEPT;
            if (a.generated()) {
                // a generated column computes its own value in the shadow: it is never copied
                mapped.add(new MappedColumn(MappedColumn.Change.ADDED, null, a.name(), null, a.type()));
                continue;
            }
            mapped.add(new MappedColumn(change, b.name(), a.name(), b.type(), a.type()));
        }
        afterByPosition.values().stream().sorted(Comparator.comparingInt(Column::position))
                .forEach(a -> mapped.add(new MappedColumn(MappedColumn.Change.ADDED, null, a.name(), null, a.type())));
        return new ColumnMapping(List.copyOf(mapped));
    }

    /**
     * The mapping from table {@code before} to table {@code after} by column name (two tables of
     * one run after its swap, whose ALTER dropped no column): null when a column of {@code before}
     * has no namesake in {@code after}; generated columns of {@code after} are never copied.
     */
    public static ColumnMapping byName(List<Column> before, List<Column> after, java.util.function.BiPredicate<String, String> sameName) {
        List<MappedColumn> mapped = new ArrayList<>();
        List<Column> unmatched = new ArrayList<>(after);
        for (Column b : before) {
            Column a = unmatched.stream().filter(c -> sameName.test(c.name(), b.name())).findFirst().orElse(null);
            if (a == null) {
                return null;
            }
            unmatched.remove(a);
            mapped.add(a.generated() ? new MappedColumn(MappedColumn.Change.ADDED, null, a.name(), null, a.type())
                    : new MappedColumn(a.type().equals(b.type()) ? MappedColumn.Change.KEPT : MappedColumn.Change.RETYPED,
                    b.name(), a.name(), b.type(), a.type()));
        }
        unmatched.forEach(a -> mapped.add(new MappedColumn(MappedColumn.Change.ADDED, null, a.name(), null, a.type())));
        return new ColumnMapping(List.copyOf(mapped));
    }

    /** The mapping from the new table back to the old one (a revert). */
    public ColumnMapping reversed() {
        return new ColumnMapping(columns.stream().map(MappedColumn::reversed).toList());
    }

    public List<MappedColumn> copied() {
        return columns.stream().filter(MappedColumn::copied).toList();
    }

    public List<MappedColumn> dropped() {
        return columns.stream().filter(c -> c.change() == MappedColumn.Change.DROPPED).toList();
    }

    public List<MappedColumn> added() {
        return columns.stream().filter(c -> c.change() == MappedColumn.Change.ADDED).toList();
    }

    public List<MappedColumn> changed() {
        return columns.stream().filter(c -> c.change() != MappedColumn.Change.KEPT).toList();
    }

    /** The shadow's name for a source column, or null when the ALTER dropped it. */
    public String targetOf(String sourceName) {
        return columns.stream().filter(c -> sourceName.equals(c.sourceName()))
                .findFirst().map(MappedColumn::targetName).orElse(null);
    }

    /** The shadow's type for a source column, or null when the ALTER dropped it. */
    public String targetTypeOf(String sourceName) {
        return columns.stream().filter(c -> sourceName.equals(c.sourceName()))
                .findFirst().map(MappedColumn::targetType).orElse(null);
    }
}
