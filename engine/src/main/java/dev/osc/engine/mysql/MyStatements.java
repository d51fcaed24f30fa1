package dev.osc.engine.mysql;

import static dev.osc.engine.mysql.MyIdentifiers.quote;

import dev.osc.engine.model.MappedColumn;
import dev.osc.engine.rows.ChecksumQueries;
import dev.osc.engine.rows.RowSelection;
import dev.osc.engine.rows.RowStatements;
import dev.osc.engine.rows.UniqueKey;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * Every statement the MySQL copier, applier and checksum run, rendered from a
 * {@link MyTablePair}. Key comparisons are written out column by column
 * ({@code a > ? OR (a = ? AND b > ?)}) so the range optimizer uses the primary key; reads of the
 * source are locking reads ({@code LOCK IN SHARE MODE}), which wait for in-flight writers
 * (invariant 7: the binlog may deliver a change a moment before it is readable).
 */
public final class MyStatements implements RowStatements, ChecksumQueries {
    private final MyTablePair pair;
    private final String src;
    private final String shadow;
    private final String insertColumns;
    private final String selectColumns;

    public MyStatements(MyTablePair pair) {
        this.pair = pair;
        this.src = quote(pair.source());
        this.shadow = quote(pair.shadow());
        this.insertColumns = pair.copied().stream().map(c -> quote(c.targetName())).collect(Collectors.joining(", "));
        this.selectColumns = pair.copied().stream().map(c -> "s." + quote(c.sourceName())).collect(Collectors.joining(", "));
    }

    public MyTablePair pair() {
        return pair;
    }

    public int keySize() {
        return pair.sourceKey().size();
    }

    /**
     * {@code (k1, ..., kn) op (?, ..., ?)} written out; the bound values are bound
     * {@link #comparisonParameters} times in the order of {@link #comparisonOrder}.
     */
    String compare(String alias, List<String> key, String op) {
        int n = key.size();
        List<String> ors = new ArrayList<>();
        String strict = op.startsWith(">") ? ">" : "<";
        for (int i = 0; i < n; i++) {
            List<String> ands = new ArrayList<>();
            for (int j = 0; j < i; j++) {
                ands.add(alias + "." + quote(key.get(j)) + " = " + pair.keyBinds().get(j));
            }
            boolean last = i == n - 1;
            String cmp = last && op.endsWith("=") ? op : strict;
            ands.add(alias + "." + quote(key.get(i)) + " " + cmp + " " + pair.keyBinds().get(i));
            ors.add("(" + String.join(" AND ", ands) + ")");
        }
        return "(" + String.join(" OR ", ors) + ")";
    }

    /** How many values one {@link #compare} binds, and which key part each one is. */
    int[] comparisonOrder() {
        int n = keySize();
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            for (int j = 0; j <= i; j++) {
                order.add(j);
            }
        }
        return order.stream().mapToInt(Integer::intValue).toArray();
    }

    private String sourceRange(boolean lower, boolean upper) {
        List<String> parts = new ArrayList<>();
        if (lower) {
            parts.add(compare("s", pair.sourceKey(), ">"));
        }
        if (upper) {
            parts.add(compare("s", pair.sourceKey(), "<="));
        }
        return parts.isEmpty() ? "TRUE" : String.join(" AND ", parts);
    }

    private String shadowRange(boolean lower, boolean upper) {
        List<String> parts = new ArrayList<>();
        if (lower) {
            parts.add(compare("t", pair.shadowKey(), ">"));
        }
        if (upper) {
            parts.add(compare("t", pair.shadowKey(), "<="));
        }
        return parts.isEmpty() ? "TRUE" : String.join(" AND ", parts);
    }

    /** {@code (s.k1, s.k2) IN ((?, ?), ...)} for {@code count} keys. */
    private String keyList(String alias, List<String> key, int count) {
        String tuple = "(" + IntStream.range(0, key.size()).mapToObj(i -> pair.keyBinds().get(i)).collect(Collectors.joining(", ")) + ")";
        String columns = "(" + key.stream().map(k -> alias + "." + quote(k)).collect(Collectors.joining(", ")) + ")";
        return columns + " IN (" + String.join(", ", java.util.Collections.nCopies(count, tuple)) + ")";
    }

    private String keyOrder(String alias) {
        return pair.sourceKey().stream().map(k -> alias + "." + quote(k)).collect(Collectors.joining(", "));
    }

    @Override
    public String upperBound(boolean lower) {
        return "SELECT " + keyOrder("s") + " FROM " + src + " s WHERE " + sourceRange(lower, false)
                + " ORDER BY " + keyOrder("s") + " LIMIT 1 OFFSET ?";
    }

    /** One chunk, server side, reading the source with shared locks. */
    @Override
    public String copyChunk(boolean lower, boolean upper) {
        return "INSERT INTO " + shadow + " (" + insertColumns + ") SELECT " + selectColumns + " FROM " + src + " s WHERE "
                + sourceRange(lower, upper) + " LOCK IN SHARE MODE";
    }

    /** The range was deleted in the same transaction: the same plain insert (never {@code INSERT IGNORE}, invariant 8). */
    @Override
    public String recopyChunk(boolean lower, boolean upper) {
        return copyChunk(lower, upper);
    }

    @Override
    public String shadowRowInRange(boolean lower, boolean upper) {
        return "SELECT 1 FROM " + shadow + " t WHERE " + shadowRange(lower, upper) + " LIMIT 1";
    }

    @Override
    public String deleteShadowRange(boolean lower, boolean upper) {
        return "DELETE t FROM " + shadow + " t WHERE " + shadowRange(lower, upper);
    }

    @Override
    public String deleteShadowKeys(int count) {
        return "DELETE t FROM " + shadow + " t WHERE " + keyList("t", pair.shadowKey(), count);
    }

    /** Re-reads a key list from the source (locking read), optionally only at or below a bound. */
    @Override
    public String insertKeys(int count, boolean bounded) {
        return "INSERT INTO " + shadow + " (" + insertColumns + ") SELECT " + selectColumns + " FROM " + src + " s WHERE "
                + keyList("s", pair.sourceKey(), count) + (bounded ? " AND " + compare("s", pair.sourceKey(), "<=") : "")
                + " LOCK IN SHARE MODE";
    }

    @Override
    public int uniqueKeys() {
        return pair.uniqueKeys().size();
    }

    @Override
    public String uniqueConflicts(int unique, RowSelection rows) {
        return staleUniqueHolders(pair.uniqueKeys().get(unique), rows.byKeyList()
                ? keyListFilter(rows.count(), rows.hasUpper()) : rangeFilter(rows.hasLower(), rows.hasUpper()));
    }

    /** The repair deletes the holders by key: MariaDB's multi-table DELETE cannot return them. */
    @Override
    public boolean uniqueConflictsDelete() {
        return false;
    }

    /**
     * The keys of shadow rows holding a unique value that the source now gives to another key
     * (invariant 8), for source rows chosen by key list or by range.
     */
    public String staleUniqueHolders(UniqueKey unique, String sourceFilter) {
        List<String> exprs = new ArrayList<>();
        for (int i = 0; i < unique.sourceColumns().size(); i++) {
            MappedColumn c = unique.sourceColumns().get(i);
            exprs.add("s." + quote(c.sourceName()) + " AS u" + (i + 1));
        }
        for (int i = 0; i < keySize(); i++) {
            exprs.add("s." + quote(pair.sourceKey().get(i)) + " AS k" + (i + 1));
        }
        String match = IntStream.range(0, unique.shadowColumns().size())
                .mapToObj(i -> "t." + quote(unique.shadowColumns().get(i)) + " = n.u" + (i + 1)).collect(Collectors.joining(" AND "));
        String sameKey = IntStream.range(0, keySize())
                .mapToObj(i -> "t." + quote(pair.shadowKey().get(i)) + " = n.k" + (i + 1)).collect(Collectors.joining(" AND "));
        return "SELECT " + pair.shadowKey().stream().map(k -> "t." + quote(k)).collect(Collectors.joining(", ")) + " FROM " + shadow
                + " t JOIN (SELECT " + String.join(", ", exprs) + " FROM " + src + " s WHERE " + sourceFilter
                + " LOCK IN SHARE MODE) n ON " + match + " WHERE NOT (" + sameKey + ")";
    }

    public String keyListFilter(int count, boolean bounded) {
        return keyList("s", pair.sourceKey(), count) + (bounded ? " AND " + compare("s", pair.sourceKey(), "<=") : "");
    }

    public String rangeFilter(boolean lower, boolean upper) {
        return sourceRange(lower, upper);
    }

    /**
     * Row count and the sum of row hashes (CRC32, computed once per row) of the copied columns,
     * source side; retyped columns cast to the shadow's type.
     */
    @Override
    public String checksumSource(boolean lower, boolean upper) {
        List<String> cols = new ArrayList<>();
        for (MappedColumn c : pair.copied()) {
            String expr = "s." + quote(c.sourceName());
            if (c.retyped()) {
                String target = MyKeyTypes.castTarget(c.targetType()).orElse(null);
                if (target == null) {
                    continue;
                }
                expr = "CAST(" + expr + " AS " + target + ")";
            }
            cols.add(expr);
        }
        return "SELECT COUNT(*), COALESCE(SUM(" + rowHash(cols) + "), 0) FROM " + src + " s WHERE " + sourceRange(lower, upper);
    }

    @Override
    public String checksumShadow(boolean lower, boolean upper) {
        List<String> cols = new ArrayList<>();
        for (MappedColumn c : pair.copied()) {
            if (c.retyped() && MyKeyTypes.castTarget(c.targetType()).isEmpty()) {
                continue;
            }
            cols.add("t." + quote(c.targetName()));
        }
        return "SELECT COUNT(*), COALESCE(SUM(" + rowHash(cols) + "), 0) FROM " + shadow + " t WHERE " + shadowRange(lower, upper);
    }

    /** Columns that cannot be compared exactly after their type change (left out of the checksum). */
    public List<String> uncheckedColumns() {
        return pair.copied().stream().filter(c -> c.retyped() && MyKeyTypes.castTarget(c.targetType()).isEmpty())
                .map(MappedColumn::targetName).toList();
    }

    private static String rowHash(List<String> cols) {
        if (cols.isEmpty()) {
            return "0";
        }
        // ISNULL tells NULL from any value; CAST AS BINARY keeps every byte and every decimal digit
        return "CRC32(CONCAT_WS('#', " + cols.stream().map(c -> "ISNULL(" + c + "), CAST(" + c + " AS BINARY)")
                .collect(Collectors.joining(", ")) + "))";
    }
}
