package dev.osc.engine.unit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.osc.engine.model.Index;
import dev.osc.engine.model.MappedColumn;
import dev.osc.engine.model.MappedColumn.Change;
import dev.osc.engine.model.TableName;
import dev.osc.engine.pg.PgStatements;
import dev.osc.engine.pg.PgTablePair;
import dev.osc.engine.rows.UniqueKey;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Exact SQL for a hostile table: every expected string below is written by hand from the rules
 * (quote every identifier, double inner quotes, bind keys as text cast to the key's type).
 */
class PgStatementsTest {
    /** 63 characters, the longest identifier PostgreSQL keeps. */
    static final String LONG = "a long column name with spaces and a quote\" that is 63 chars xx";

    static final TableName SOURCE = new TableName("we\"ird sch", "Tab\"le ü 表");
    static final TableName SHADOW = new TableName("we\"ird sch", "_Tab\"le ü 表_osc_new");

    static final MappedColumn KEY_TEXT = new MappedColumn(Change.KEPT, "Kéy\"txt", "Kéy\"txt", "text", "text");
    static final MappedColumn KEY_ID = new MappedColumn(Change.RENAMED, "id", "Ident", "bigint", "bigint");
    static final MappedColumn RETYPED = new MappedColumn(Change.RETYPED, "n", "n", "integer", "bigint");
    static final MappedColumn LONG_COL = new MappedColumn(Change.KEPT, LONG, LONG, "text", "text");
    static final MappedColumn RENAMED = new MappedColumn(Change.RENAMED, "old name", "new name", "text", "text");

    static final UniqueKey UNIQUE = new UniqueKey(
            new Index("uq", false, true, "UNIQUE btree (n, long)", List.of("n", LONG), "uq"),
            List.of("n", LONG), List.of(RETYPED, LONG_COL));

    static final PgTablePair PAIR = new PgTablePair(SOURCE, SHADOW,
            List.of("Kéy\"txt", "id"), List.of("text", "bigint"),
            List.of("Kéy\"txt", "Ident"), List.of("text", "bigint"),
            List.of(KEY_TEXT, KEY_ID, RETYPED, LONG_COL, RENAMED), true, List.of(UNIQUE));

    // the quoted pieces, spelled out once
    static final String SRC = "\"we\"\"ird sch\".\"Tab\"\"le ü 表\"";
    static final String SHD = "\"we\"\"ird sch\".\"_Tab\"\"le ü 表_osc_new\"";
    static final String K1 = "\"Kéy\"\"txt\"";
    static final String L = "\"a long column name with spaces and a quote\"\" that is 63 chars xx\"";

    final PgStatements st = new PgStatements(PAIR);

    @Test
    void theLongNameIs63Characters() {
        assertThat(LONG).hasSize(63);
    }

    @Test
    void upperBoundWithLowerBound() {
        assertThat(st.upperBound(true)).isEqualTo(
                "SELECT s." + K1 + "::text, s.\"id\"::text FROM " + SRC + " s"
                        + " WHERE (s." + K1 + ", s.\"id\") > (CAST(? AS text), CAST(? AS bigint))"
                        + " ORDER BY s." + K1 + ", s.\"id\" LIMIT 1 OFFSET ?");
    }

    @Test
    void upperBoundWithoutLowerBound() {
        assertThat(st.upperBound(false)).isEqualTo(
                "SELECT s." + K1 + "::text, s.\"id\"::text FROM " + SRC + " s WHERE TRUE"
                        + " ORDER BY s." + K1 + ", s.\"id\" LIMIT 1 OFFSET ?");
    }

    @Test
    void aFirstPassChunkIsAPlainInsert() {
        assertThat(st.copyChunk(true, true)).isEqualTo(
                "INSERT INTO " + SHD + " (" + K1 + ", \"Ident\", \"n\", " + L + ", \"new name\") OVERRIDING SYSTEM VALUE"
                        + " SELECT s." + K1 + ", s.\"id\", s.\"n\", s." + L + ", s.\"old name\" FROM " + SRC + " s"
                        + " WHERE (s." + K1 + ", s.\"id\") > (CAST(? AS text), CAST(? AS bigint))"
                        + " AND (s." + K1 + ", s.\"id\") <= (CAST(? AS text), CAST(? AS bigint))");
    }

    @Test
    void aFirstPassChunkUnbounded() {
        assertThat(st.copyChunk(false, false)).isEqualTo(
                "INSERT INTO " + SHD + " (" + K1 + ", \"Ident\", \"n\", " + L + ", \"new name\") OVERRIDING SYSTEM VALUE"
                        + " SELECT s." + K1 + ", s.\"id\", s.\"n\", s." + L + ", s.\"old name\" FROM " + SRC + " s"
                        + " WHERE TRUE");
    }

    @Test
    void aFirstPassChunkOnlyUpperOrOnlyLower() {
        assertThat(st.copyChunk(false, true)).endsWith(
                " WHERE (s." + K1 + ", s.\"id\") <= (CAST(? AS text), CAST(? AS bigint))");
        assertThat(st.copyChunk(true, false)).endsWith(
                " WHERE (s." + K1 + ", s.\"id\") > (CAST(? AS text), CAST(? AS bigint))");
    }

    @Test
    void aRecopySkipsRowsAlreadyThereByKey() {
        assertThat(st.recopyChunk(true, true)).isEqualTo(
                "INSERT INTO " + SHD + " (" + K1 + ", \"Ident\", \"n\", " + L + ", \"new name\") OVERRIDING SYSTEM VALUE"
                        + " SELECT s." + K1 + ", s.\"id\", s.\"n\", s." + L + ", s.\"old name\" FROM " + SRC + " s"
                        + " WHERE (s." + K1 + ", s.\"id\") > (CAST(? AS text), CAST(? AS bigint))"
                        + " AND (s." + K1 + ", s.\"id\") <= (CAST(? AS text), CAST(? AS bigint))"
                        + " ON CONFLICT (" + K1 + ", \"Ident\") DO NOTHING");
        assertThat(st.recopyChunk(false, false)).endsWith(" WHERE TRUE ON CONFLICT (" + K1 + ", \"Ident\") DO NOTHING");
    }

    @Test
    void aShadowRowInARange() {
        assertThat(st.shadowRowInRange(true, true)).isEqualTo(
                "SELECT 1 FROM " + SHD + " t WHERE (t." + K1 + ", t.\"Ident\") > (CAST(? AS text), CAST(? AS bigint))"
                        + " AND (t." + K1 + ", t.\"Ident\") <= (CAST(? AS text), CAST(? AS bigint)) LIMIT 1");
        assertThat(st.shadowRowInRange(false, false)).isEqualTo("SELECT 1 FROM " + SHD + " t WHERE TRUE LIMIT 1");
    }

    @Test
    void withoutIdentityThereIsNoOverriding() {
        PgTablePair plain = new PgTablePair(PAIR.source(), PAIR.shadow(), PAIR.sourceKey(), PAIR.sourceKeyTypes(),
                PAIR.shadowKey(), PAIR.shadowKeyTypes(), PAIR.copied(), false, List.of());
        PgStatements p = new PgStatements(plain);
        assertThat(p.copyChunk(true, true)).doesNotContain("OVERRIDING")
                .startsWith("INSERT INTO " + SHD + " (" + K1 + ", \"Ident\", \"n\", " + L + ", \"new name\") SELECT s.");
        assertThat(p.insertKeys(false)).doesNotContain("OVERRIDING");
    }

    @Test
    void deleteShadowKeys() {
        assertThat(st.deleteShadowKeys()).isEqualTo(
                "DELETE FROM " + SHD + " t WHERE (t." + K1 + ", t.\"Ident\") IN"
                        + " (SELECT CAST(k.c1 AS text), CAST(k.c2 AS bigint)"
                        + " FROM unnest(CAST(? AS text[]), CAST(? AS text[])) AS k(c1, c2))");
    }

    @Test
    void deleteShadowRange() {
        assertThat(st.deleteShadowRange(true, true)).isEqualTo(
                "DELETE FROM " + SHD + " t WHERE (t." + K1 + ", t.\"Ident\") > (CAST(? AS text), CAST(? AS bigint))"
                        + " AND (t." + K1 + ", t.\"Ident\") <= (CAST(? AS text), CAST(? AS bigint))");
        assertThat(st.deleteShadowRange(false, false)).isEqualTo("DELETE FROM " + SHD + " t WHERE TRUE");
    }

    @Test
    void insertKeysBounded() {
        assertThat(st.insertKeys(true)).isEqualTo(
                "INSERT INTO " + SHD + " (" + K1 + ", \"Ident\", \"n\", " + L + ", \"new name\") OVERRIDING SYSTEM VALUE"
                        + " SELECT s." + K1 + ", s.\"id\", s.\"n\", s." + L + ", s.\"old name\" FROM " + SRC + " s"
                        + " WHERE (s." + K1 + ", s.\"id\") IN (SELECT CAST(k.c1 AS text), CAST(k.c2 AS bigint)"
                        + " FROM unnest(CAST(? AS text[]), CAST(? AS text[])) AS k(c1, c2))"
                        + " AND (s." + K1 + ", s.\"id\") <= (CAST(? AS text), CAST(? AS bigint))");
    }

    @Test
    void insertKeysUnbounded() {
        assertThat(st.insertKeys(false)).isEqualTo(
                "INSERT INTO " + SHD + " (" + K1 + ", \"Ident\", \"n\", " + L + ", \"new name\") OVERRIDING SYSTEM VALUE"
                        + " SELECT s." + K1 + ", s.\"id\", s.\"n\", s." + L + ", s.\"old name\" FROM " + SRC + " s"
                        + " WHERE (s." + K1 + ", s.\"id\") IN (SELECT CAST(k.c1 AS text), CAST(k.c2 AS bigint)"
                        + " FROM unnest(CAST(? AS text[]), CAST(? AS text[])) AS k(c1, c2))");
    }

    @Test
    void deleteUniqueConflictsByBoundedKeyList() {
        assertThat(st.deleteUniqueConflicts(UNIQUE, true, false, true)).isEqualTo(
                "DELETE FROM " + SHD + " t USING (SELECT CAST(s.\"n\" AS bigint) AS u1, s." + L + " AS u2,"
                        + " s." + K1 + " AS k1, s.\"id\" AS k2 FROM " + SRC + " s"
                        + " WHERE (s." + K1 + ", s.\"id\") IN (SELECT CAST(k.c1 AS text), CAST(k.c2 AS bigint)"
                        + " FROM unnest(CAST(? AS text[]), CAST(? AS text[])) AS k(c1, c2))"
                        + " AND (s." + K1 + ", s.\"id\") <= (CAST(? AS text), CAST(? AS bigint))) n"
                        + " WHERE (t.\"n\", t." + L + ") = (n.u1, n.u2)"
                        + " AND (t." + K1 + ", t.\"Ident\") <> (n.k1, n.k2)"
                        + " RETURNING t." + K1 + "::text, t.\"Ident\"::text");
    }

    @Test
    void deleteUniqueConflictsByKeyRange() {
        assertThat(st.deleteUniqueConflicts(UNIQUE, false, true, false)).isEqualTo(
                "DELETE FROM " + SHD + " t USING (SELECT CAST(s.\"n\" AS bigint) AS u1, s." + L + " AS u2,"
                        + " s." + K1 + " AS k1, s.\"id\" AS k2 FROM " + SRC + " s"
                        + " WHERE (s." + K1 + ", s.\"id\") > (CAST(? AS text), CAST(? AS bigint))) n"
                        + " WHERE (t.\"n\", t." + L + ") = (n.u1, n.u2)"
                        + " AND (t." + K1 + ", t.\"Ident\") <> (n.k1, n.k2)"
                        + " RETURNING t." + K1 + "::text, t.\"Ident\"::text");
    }

    @Test
    void checksumSourceCastsRetypedColumns() {
        assertThat(st.checksumSource(true, false, false)).isEqualTo(
                "SELECT count(*), coalesce(sum(hashtextextended(ROW(s." + K1 + ", s.\"id\", CAST(s.\"n\" AS bigint), s." + L
                        + ", s.\"old name\")::text, 0)), 0) FROM " + SRC + " s"
                        + " WHERE (s." + K1 + ", s.\"id\") > (CAST(? AS text), CAST(? AS bigint))");
    }

    @Test
    void checksumShadowUsesTargetNames() {
        assertThat(st.checksumShadow(false, true, false)).isEqualTo(
                "SELECT count(*), coalesce(sum(hashtextextended(ROW(t." + K1 + ", t.\"Ident\", t.\"n\", t." + L
                        + ", t.\"new name\")::text, 0)), 0) FROM " + SHD + " t"
                        + " WHERE (t." + K1 + ", t.\"Ident\") <= (CAST(? AS text), CAST(? AS bigint))");
    }

    @Test
    void recordHashChecksumsHashTheRowItself() {
        assertThat(st.checksumSource(true, false, true)).isEqualTo(
                "SELECT count(*), coalesce(sum(hash_record_extended(ROW(s." + K1 + ", s.\"id\", CAST(s.\"n\" AS bigint), s." + L
                        + ", s.\"old name\"), 0)), 0) FROM " + SRC + " s"
                        + " WHERE (s." + K1 + ", s.\"id\") > (CAST(? AS text), CAST(? AS bigint))");
        assertThat(st.checksumShadow(false, true, true)).isEqualTo(
                "SELECT count(*), coalesce(sum(hash_record_extended(ROW(t." + K1 + ", t.\"Ident\", t.\"n\", t." + L
                        + ", t.\"new name\"), 0)), 0) FROM " + SHD + " t"
                        + " WHERE (t." + K1 + ", t.\"Ident\") <= (CAST(? AS text), CAST(? AS bigint))");
        assertThat(st.recordHashProbe()).isEqualTo(
                "SELECT hash_record_extended(ROW(t." + K1 + ", t.\"Ident\", t.\"n\", t." + L + ", t.\"new name\"), 0) FROM "
                        + SHD + " t LIMIT 1");
    }

    @Test
    void placeholderCountsMatchWhatTheBindersBind() {
        // key width 2: a key bound as text takes 2 parameters, a key list 2 arrays
        assertThat(count(st.upperBound(true))).isEqualTo(2 + 1);
        assertThat(count(st.upperBound(false))).isEqualTo(1);
        assertThat(count(st.copyChunk(true, true))).isEqualTo(4);
        assertThat(count(st.copyChunk(false, true))).isEqualTo(2);
        assertThat(count(st.recopyChunk(true, true))).isEqualTo(4);
        assertThat(count(st.shadowRowInRange(true, false))).isEqualTo(2);
        assertThat(count(st.insertKeys(true))).isEqualTo(4);
        assertThat(count(st.insertKeys(false))).isEqualTo(2);
        assertThat(count(st.deleteShadowKeys())).isEqualTo(2);
        assertThat(count(st.deleteUniqueConflicts(UNIQUE, true, false, true))).isEqualTo(4);
        assertThat(count(st.deleteUniqueConflicts(UNIQUE, false, true, true))).isEqualTo(4);
        assertThat(count(st.checksumSource(true, true, false))).isEqualTo(4);
        assertThat(count(st.checksumShadow(true, false, false))).isEqualTo(2);
    }

    @Test
    void pairRejectsMismatchedKeys() {
        assertThatThrownBy(() -> new PgTablePair(SOURCE, SHADOW, List.of(), List.of(), List.of(), List.of(),
                List.of(), false, List.of())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new PgTablePair(SOURCE, SHADOW, List.of("a"), List.of("int"), List.of("a", "b"),
                List.of("int", "int"), List.of(), false, List.of())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new PgTablePair(SOURCE, SHADOW, List.of("a"), List.of(), List.of("a"),
                List.of("int"), List.of(), false, List.of())).isInstanceOf(IllegalArgumentException.class);
    }

    private static long count(String sql) {
        return sql.chars().filter(c -> c == '?').count();
    }

    @Test
    void theReversedPairReadsTheNewTableAndWritesTheOldOne() {
        TableName old = new TableName(SOURCE.schema(), "_Tab\"le ü 表_osc_old");
        PgStatements back = new PgStatements(PAIR.reversed(SOURCE, old, List.of(), false));
        assertThat(back.insertKeys(false)).startsWith("INSERT INTO \"we\"\"ird sch\".\"_Tab\"\"le ü 表_osc_old\" (")
                .contains("\"old name\"", "FROM " + SRC + " s").doesNotContain("OVERRIDING");
        assertThat(back.deleteShadowKeys()).startsWith("DELETE FROM \"we\"\"ird sch\".\"_Tab\"\"le ü 表_osc_old\" t WHERE (t." + K1
                + ", t.\"id\") IN");
        assertThatThrownBy(() -> PAIR.reversed(old, old, List.of(), false)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("source and target are the same table");
    }
}
