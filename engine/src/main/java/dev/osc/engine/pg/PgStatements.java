package dev.osc.engine.pg;

import static dev.osc.engine.pg.PgIdentifiers.quote;

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
 * Every statement the copier, the applier and the checksum run, rendered once from a
 * {@link PgTablePair}; running them only binds values. Key values travel as text and are cast to
 * the key column's own type, so the database compares them with the column's own collation.
 */
public final class PgStatements implements RowStatements {
    private final PgTablePair pair;
    private final String src;
    private final String shadow;
    private final String insertColumns;
    private final String selectColumns;
    private final String overriding;

    public PgStatements(PgTablePair pair) {
        this.pair = pair;
        this.src = quote(pair.source());
        this.shadow = quote(pair.shadow());
        this.insertColumns = pair.copied().stream().map(c -> quote(c.targetName())).collect(Collectors.joining(", "));
        this.selectColumns = pair.copied().stream().map(c -> "s." + quote(c.sourceName())).collect(Collectors.joining(", "));
        this.overriding = pair.identityInShadow() ? " OVERRIDING SYSTEM VALUE" : "";
    }

    public PgTablePair pair() {
        return pair;
    }

    int keySize() {
        return pair.sourceKey().size();
    }

    private String sourceKeyTuple(String alias) {
        return "(" + pair.sourceKey().stream().map(k -> alias + "." + quote(k)).collect(Collectors.joining(", ")) + ")";
    }

    private String shadowKeyTuple(String alias) {
        return "(" + pair.shadowKey().stream().map(k -> alias + "." + quote(k)).collect(Collectors.joining(", ")) + ")";
    }

    /** ({@code CAST(? AS t1)}, ...) for one key value bound as text parameters. */
    private String boundTuple(List<String> types) {
        return "(" + types.stream().map(t -> "CAST(? AS " + t + ")").collect(Collectors.joining(", ")) + ")";
    }

    /** {@code SELECT CAST(k.c1 AS t1), ... FROM unnest(?::text[], ...) AS k(c1, ...)}: a key list bound as text arrays. */
    private String keyList(List<String> types) {
        String names = IntStream.rangeClosed(1, types.size()).mapToObj(i -> "c" + i).collect(Collectors.joining(", "));
        String casts = IntStream.range(0, types.size()).mapToObj(i -> "CAST(k.c" + (i + 1) + " AS " + types.get(i) + ")")
                .collect(Collectors.joining(", "));
        String arrays = types.stream().map(t -> "CAST(? AS text[])").collect(Collectors.joining(", "));
        return "SELECT " + casts + " FROM unnest(" + arrays + ") AS k(" + names + ")";
    }

    /** Source rows whose key is in a bound key list, optionally at or below a bound key. */
    private String sourceKeysFilter(boolean bounded) {
        return sourceKeyTuple("s") + " IN (" + keyList(pair.sourceKeyTypes()) + ")"
                + (bounded ? " AND " + sourceKeyTuple("s") + " <= " + boundTuple(pair.sourceKeyTypes()) : "");
    }

    /** Source rows in a key range; either side may be open. */
    private String sourceRangeFilter(boolean lower, boolean upper) {
        List<String> parts = new ArrayList<>();
        if (lower) {
            parts.add(sourceKeyTuple("s") + " > " + boundTuple(pair.sourceKeyTypes()));
        }
        if (upper) {
            parts.add(sourceKeyTuple("s") + " <= " + boundTuple(pair.sourceKeyTypes()));
        }
        return parts.isEmpty() ? "TRUE" : String.join(" AND ", parts);
    }

    private String shadowRangeFilter(boolean lower, boolean upper) {
        List<String> parts = new ArrayList<>();
        if (lower) {
            parts.add(shadowKeyTuple("t") + " > " + boundTuple(pair.shadowKeyTypes()));
        }
        if (upper) {
            parts.add(shadowKeyTuple("t") + " <= " + boundTuple(pair.shadowKeyTypes()));
        }
        return parts.isEmpty() ? "TRUE" : String.join(" AND ", parts);
    }

    private String keyText(String alias, List<String> key) {
        return key.stream().map(k -> alias + "." + quote(k) + "::text").collect(Collectors.joining(", "));
    }

    private String keyOrder(String alias, List<String> key) {
        return key.stream().map(k -> alias + "." + quote(k)).collect(Collectors.joining(", "));
    }

    @Override
    public String upperBound(boolean lower) {
        return "SELECT " + keyText("s", pair.sourceKey()) + " FROM " + src + " s WHERE " + sourceRangeFilter(lower, false)
                + " ORDER BY " + keyOrder("s", pair.sourceKey()) + " LIMIT 1 OFFSET ?";
    }

    /**
     * One chunk copied for the first time, server side: a plain insert, about twice as fast as
     * one with {@code ON CONFLICT} (the shadow holds no row in the range; one there fails it).
     */
    @Override
    public String copyChunk(boolean lower, boolean upper) {
        return "INSERT INTO " + shadow + " (" + insertColumns + ")" + overriding + " SELECT " + selectColumns
                + " FROM " + src + " s WHERE " + sourceRangeFilter(lower, upper);
    }

    /** A chunk copied again: rows already in the shadow (by key) are skipped. */
    @Override
    public String recopyChunk(boolean lower, boolean upper) {
        return copyChunk(lower, upper) + " ON CONFLICT (" + PgIdentifiers.quoteAll(pair.shadowKey()) + ") DO NOTHING";
    }

    @Override
    public String shadowRowInRange(boolean lower, boolean upper) {
        return "SELECT 1 FROM " + shadow + " t WHERE " + shadowRangeFilter(lower, upper) + " LIMIT 1";
    }

    @Override
    public String deleteShadowRange(boolean lower, boolean upper) {
        return "DELETE FROM " + shadow + " t WHERE " + shadowRangeFilter(lower, upper);
    }

    /** Removes the shadow rows of a key list (bound as arrays, whatever its length). */
    @Override
    public String deleteShadowKeys(int count) {
        return deleteShadowKeys();
    }

    /** Removes the shadow rows of a key list. */
    public String deleteShadowKeys() {
        return "DELETE FROM " + shadow + " t WHERE " + shadowKeyTuple("t") + " IN (" + keyList(pair.shadowKeyTypes()) + ")";
    }

    @Override
    public String insertKeys(int count, boolean bounded) {
        return insertKeys(bounded);
    }

    /** Re-reads a key list from the source into the shadow, optionally only at or below a bound. */
    public String insertKeys(boolean bounded) {
        return "INSERT INTO " + shadow + " (" + insertColumns + ")" + overriding + " SELECT " + selectColumns
                + " FROM " + src + " s WHERE " + sourceKeysFilter(bounded);
    }

    @Override
    public int uniqueKeys() {
        return pair.shadowUniqueKeys().size();
    }

    @Override
    public String uniqueConflicts(int unique, RowSelection rows) {
        return deleteUniqueConflicts(pair.shadowUniqueKeys().get(unique), rows.byKeyList(), rows.hasLower(), rows.hasUpper());
    }

    /** The conflicting rows are deleted by the statement that returns their keys. */
    @Override
    public boolean uniqueConflictsDelete() {
        return true;
    }

    /**
     * Deletes the shadow rows that hold a unique value the source now gives to another key, and
     * returns their keys (invariant 8). The source rows come from a key list or a key range.
     */
    public String deleteUniqueConflicts(UniqueKey unique, boolean byKeyList, boolean lower, boolean upper) {
        List<String> sourceExprs = new ArrayList<>();
        for (int i = 0; i < unique.sourceColumns().size(); i++) {
            MappedColumn c = unique.sourceColumns().get(i);
            String expr = "s." + quote(c.sourceName());
            sourceExprs.add((c.retyped() ? "CAST(" + expr + " AS " + c.targetType() + ")" : expr) + " AS u" + (i + 1));
        }
        for (int i = 0; i < pair.sourceKey().size(); i++) {
            sourceExprs.add("s." + quote(pair.sourceKey().get(i)) + " AS k" + (i + 1));
        }
        String filter = byKeyList ? sourceKeysFilter(upper) : sourceRangeFilter(lower, upper);
        String uniqueMatch = "(" + unique.shadowColumns().stream().map(c -> "t." + quote(c)).collect(Collectors.joining(", "))
                + ") = (" + IntStream.rangeClosed(1, unique.shadowColumns().size()).mapToObj(i -> "n.u" + i).collect(Collectors.joining(", ")) + ")";
        String otherKey = shadowKeyTuple("t") + " <> ("
                + IntStream.rangeClosed(1, pair.sourceKey().size()).mapToObj(i -> "n.k" + i).collect(Collectors.joining(", ")) + ")";
        return "DELETE FROM " + shadow + " t USING (SELECT " + String.join(", ", sourceExprs) + " FROM " + src + " s WHERE "
                + filter + ") n WHERE " + uniqueMatch + " AND " + otherKey + " RETURNING " + keyText("t", pair.shadowKey());
    }

    /** True when every given transaction id is visible in this transaction's snapshot (invariant 7). */
    public static String allVisible() {
        return "WITH m AS (SELECT pg_current_snapshot() AS snap, pg_snapshot_xmax(pg_current_snapshot())::text::bigint AS xmax) "
                + "SELECT coalesce(bool_and(pg_visible_in_snapshot((CASE WHEN u.x <= (m.xmax & 4294967295) "
                + "THEN ((m.xmax >> 32) << 32) | u.x ELSE (((m.xmax >> 32) - 1) << 32) | u.x END)::text::xid8, m.snap)), true) "
                + "FROM m, unnest(CAST(? AS bigint[])) AS u(x) WHERE u.x > 0";
    }

    /**
     * Row count and a sum of row hashes over the copied columns, source side, for a key range.
     * {@code recordHash} hashes the row with each type's own hash function (PostgreSQL 14+, and
     * every column type must have one); otherwise the row's text form is hashed.
     */
    public String checksumSource(boolean lower, boolean upper, boolean recordHash) {
        String row = pair.copied().stream()
                .map(c -> c.retyped() ? "CAST(s." + quote(c.sourceName()) + " AS " + c.targetType() + ")" : "s." + quote(c.sourceName()))
                .collect(Collectors.joining(", "));
        return "SELECT count(*), coalesce(sum(" + rowHash(row, recordHash) + "), 0) FROM " + src + " s WHERE "
                + sourceRangeFilter(lower, upper);
    }

    /** The same over the shadow's copies of those columns. */
    public String checksumShadow(boolean lower, boolean upper, boolean recordHash) {
        String row = pair.copied().stream().map(c -> "t." + quote(c.targetName())).collect(Collectors.joining(", "));
        return "SELECT count(*), coalesce(sum(" + rowHash(row, recordHash) + "), 0) FROM " + shadow + " t WHERE "
                + shadowRangeFilter(lower, upper);
    }

    /** The checksum statements with the row hash chosen ({@link #checksumSource}). */
    public ChecksumQueries checksum(boolean recordHash) {
        return new ChecksumQueries() {
            @Override
            public String checksumSource(boolean lower, boolean upper) {
                return PgStatements.this.checksumSource(lower, upper, recordHash);
            }

            @Override
            public String checksumShadow(boolean lower, boolean upper) {
                return PgStatements.this.checksumShadow(lower, upper, recordHash);
            }
        };
    }

    /** One shadow row's record hash: fails when a column type has no hash function. */
    public String recordHashProbe() {
        String row = pair.copied().stream().map(c -> "t." + quote(c.targetName())).collect(Collectors.joining(", "));
        return "SELECT hash_record_extended(ROW(" + row + "), 0) FROM " + shadow + " t LIMIT 1";
    }

    private static String rowHash(String row, boolean recordHash) {
        return recordHash ? "hash_record_extended(ROW(" + row + "), 0)" : "hashtextextended(ROW(" + row + ")::text, 0)";
    }
}
