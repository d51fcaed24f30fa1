package dev.osc.engine.unit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.osc.engine.model.TableName;
import dev.osc.engine.pg.PgIdentifiers;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class PgIdentifiersTest {

    private static int utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8).length;
    }

    /** True when the string survives a UTF-8 round trip, i.e. holds no half of a surrogate pair. */
    private static boolean wellFormed(String s) {
        return new String(s.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8).equals(s);
    }

    @Test
    void quoteWrapsAndDoublesEmbeddedDoubleQuotes() {
        assertThat(PgIdentifiers.quote("plain")).isEqualTo("\"plain\"");
        assertThat(PgIdentifiers.quote("a\"b")).isEqualTo("\"a\"\"b\"");
        assertThat(PgIdentifiers.quote("\"")).isEqualTo("\"\"\"\"");
        assertThat(PgIdentifiers.quote("\"\"x\"")).isEqualTo("\"\"\"\"\"x\"\"\"");
        assertThat(PgIdentifiers.quote("")).isEqualTo("\"\"");
    }

    @Test
    void quoteKeepsSpacesCaseUnicodeAndSingleQuotes() {
        assertThat(PgIdentifiers.quote("My Table")).isEqualTo("\"My Table\"");
        assertThat(PgIdentifiers.quote("größe 表 😀")).isEqualTo("\"größe 表 😀\"");
        assertThat(PgIdentifiers.quote("it's")).isEqualTo("\"it's\"");
        assertThat(PgIdentifiers.quote("a;DROP TABLE t;--")).isEqualTo("\"a;DROP TABLE t;--\"");
    }

    @Test
    void quoteRejectsNul() {
        assertThatThrownBy(() -> PgIdentifiers.quote("a\0b")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("NUL");
        assertThatThrownBy(() -> PgIdentifiers.quote(new TableName("s", "t\0"))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PgIdentifiers.quote(new TableName("\0", "t"))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void quoteTableQualifiesBothParts() {
        assertThat(PgIdentifiers.quote(new TableName("public", "orders"))).isEqualTo("\"public\".\"orders\"");
        assertThat(PgIdentifiers.quote(new TableName("we\"ird sch", "t.a\"b")))
                .isEqualTo("\"we\"\"ird sch\".\"t.a\"\"b\"");
    }

    @Test
    void quoteAllJoinsWithCommas() {
        assertThat(PgIdentifiers.quoteAll(List.of("a", "b\"c"))).isEqualTo("\"a\", \"b\"\"c\"");
        assertThat(PgIdentifiers.quoteAll(List.of())).isEmpty();
    }

    @Test
    void literalDoublesSingleQuotesOnly() {
        assertThat(PgIdentifiers.literal("abc")).isEqualTo("'abc'");
        assertThat(PgIdentifiers.literal("it's")).isEqualTo("'it''s'");
        assertThat(PgIdentifiers.literal("''")).isEqualTo("''''''");
        assertThat(PgIdentifiers.literal("a\"b\\c")).isEqualTo("'a\"b\\c'");
        assertThat(PgIdentifiers.literal("")).isEqualTo("''");
        assertThatThrownBy(() -> PgIdentifiers.literal("x\0")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void derivedNameKeepsShortNamesUnchanged() {
        assertThat(PgIdentifiers.derivedName("_", "orders", "_osc_new")).isEqualTo("_orders_osc_new");
        String ascii63 = "a".repeat(63);
        assertThat(PgIdentifiers.derivedName("", ascii63, "")).isEqualTo(ascii63);
        String exactly63 = "b".repeat(63 - 9);
        assertThat(PgIdentifiers.derivedName("_", exactly63, "_osc_new")).isEqualTo("_" + exactly63 + "_osc_new");
    }

    @Test
    void derivedNameShortensA63CharAsciiNameTo63Bytes() {
        String base = "c".repeat(63);
        String name = PgIdentifiers.derivedName("_", base, "_osc_new");
        assertThat(utf8(name)).isEqualTo(63);
        assertThat(name).startsWith("_ccc").endsWith("_osc_new").matches("_c{45}_[0-9a-f]{8}_osc_new");
        // one byte over the limit is enough to be shortened
        String over = "d".repeat(63 - 9 + 1);
        assertThat(utf8(PgIdentifiers.derivedName("_", over, "_osc_new"))).isLessThanOrEqualTo(63);
        assertThat(PgIdentifiers.derivedName("_", over, "_osc_new")).isNotEqualTo("_" + over + "_osc_new");
    }

    @Test
    void derivedNameCountsBytesNotCharsForMultiByteNames() {
        // 40 chars but 80 bytes: must be shortened although it is only 40 characters long
        String base = "ü".repeat(40);
        String name = PgIdentifiers.derivedName("_", base, "_osc_old");
        assertThat(utf8(name)).isLessThanOrEqualTo(63);
        assertThat(wellFormed(name)).isTrue();
        assertThat(name).matches("_ü+_[0-9a-f]{8}_osc_old");
        // budget 45 bytes: 22 ü (44 bytes), a 23rd would not fit
        assertThat(name).isEqualTo("_" + "ü".repeat(22) + "_" + name.substring(name.length() - 16));

        // 3-byte characters fill the budget exactly: 15 x 3 = 45 bytes, 63 in total
        String cjk = PgIdentifiers.derivedName("_", "表".repeat(30), "_osc_new");
        assertThat(utf8(cjk)).isEqualTo(63);
        assertThat(cjk).startsWith("_" + "表".repeat(15) + "_");
    }

    @Test
    void derivedNameNeverCutsASurrogatePairOrMultiByteCharacter() {
        for (int lead = 0; lead < 4; lead++) {
            String base = "x".repeat(lead) + "😀".repeat(20) + "ü€".repeat(5);
            String name = PgIdentifiers.derivedName("_", base, "_osc_fence");
            assertThat(utf8(name)).as("lead %d", lead).isLessThanOrEqualTo(63);
            assertThat(wellFormed(name)).as("lead %d: %s", lead, name).isTrue();
            String kept = name.substring(1, name.length() - "_osc_fence".length() - 9);
            assertThat(base).startsWith(kept);
            // the cut keeps as many whole characters as fit: the next one would not
            int budget = 63 - 1 - utf8("_osc_fence") - 8 - 1;
            assertThat(utf8(kept)).isLessThanOrEqualTo(budget);
            int next = base.codePointAt(kept.length());
            assertThat(utf8(kept) + utf8(new String(Character.toChars(next)))).isGreaterThan(budget);
        }
    }

    @Test
    void derivedNameKeepsTwoLongNamesWithACommonPrefixApart() {
        String common = "customer_order_line_item_with_a_very_long_and_descriptive_na"; // 60 chars
        assertThat(common).hasSize(60);
        String a = PgIdentifiers.derivedName("_", common + "me1", "_osc_new");
        String b = PgIdentifiers.derivedName("_", common + "me2", "_osc_new");
        assertThat(a).isNotEqualTo(b);
        assertThat(utf8(a)).isLessThanOrEqualTo(63);
        assertThat(utf8(b)).isLessThanOrEqualTo(63);
        // deterministic: the same input always gives the same name
        assertThat(PgIdentifiers.derivedName("_", common + "me1", "_osc_new")).isEqualTo(a);
        // the same base with different suffixes stays distinct too
        assertThat(PgIdentifiers.derivedName("_", common + "me1", "_osc_old")).isNotEqualTo(a);
    }

    @Test
    void derivedNameKeepsNamesWithCollidingJavaHashCodesApart() {
        String common = "x".repeat(60);
        assertThat((common + "Aa").hashCode()).isEqualTo((common + "BB").hashCode());
        String a = PgIdentifiers.derivedName("_", common + "Aa", "_osc_old");
        String b = PgIdentifiers.derivedName("_", common + "BB", "_osc_old");
        assertThat(a).isNotEqualTo(b);
    }
}
