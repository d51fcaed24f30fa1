package dev.osc.engine.unit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.osc.engine.model.TableName;
import dev.osc.engine.mysql.MyIdentifiers;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class MyIdentifiersTest {

    /** Length as MySQL counts it: characters (code points), not bytes. */
    private static int chars(String s) {
        return s.codePointCount(0, s.length());
    }

    /** True when the string survives a UTF-8 round trip, i.e. holds no half of a surrogate pair. */
    private static boolean wellFormed(String s) {
        return new String(s.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8).equals(s);
    }

    @Test
    void quoteWrapsAndDoublesEmbeddedBackticks() {
        assertThat(MyIdentifiers.quote("plain")).isEqualTo("`plain`");
        assertThat(MyIdentifiers.quote("a`b")).isEqualTo("`a``b`");
        assertThat(MyIdentifiers.quote("`")).isEqualTo("````");
        assertThat(MyIdentifiers.quote("``x`")).isEqualTo("`````x```");
        assertThat(MyIdentifiers.quote("")).isEqualTo("``");
    }

    @Test
    void quoteKeepsSpacesCaseUnicodeAndOtherQuotes() {
        assertThat(MyIdentifiers.quote("My Table")).isEqualTo("`My Table`");
        assertThat(MyIdentifiers.quote(" leading")).isEqualTo("` leading`");
        assertThat(MyIdentifiers.quote("größe 表")).isEqualTo("`größe 表`");
        assertThat(MyIdentifiers.quote("it's \"x\"")).isEqualTo("`it's \"x\"`");
        assertThat(MyIdentifiers.quote("a;DROP TABLE t;-- #")).isEqualTo("`a;DROP TABLE t;-- #`");
        // a backslash is an ordinary character inside backticks
        assertThat(MyIdentifiers.quote("a\\b")).isEqualTo("`a\\b`");
    }

    @Test
    void quoteRejectsNul() {
        assertThatThrownBy(() -> MyIdentifiers.quote("a\0b")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("NUL");
        assertThatThrownBy(() -> MyIdentifiers.quote(new TableName("db", "t\0"))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> MyIdentifiers.quote(new TableName("\0", "t"))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void quoteAcceptsUpTo64CharactersNotBytes() {
        assertThat(MyIdentifiers.quote("a".repeat(64))).isEqualTo("`" + "a".repeat(64) + "`");
        // 64 characters but 128 bytes: MySQL counts characters
        assertThat(MyIdentifiers.quote("ü".repeat(64))).isEqualTo("`" + "ü".repeat(64) + "`");
        // backticks count once, as the name holds them, not as doubled in the quoted form
        assertThat(MyIdentifiers.quote("`".repeat(64))).hasSize(2 + 128);
    }

    @Test
    void quoteRejectsMoreThan64Characters() {
        assertThatThrownBy(() -> MyIdentifiers.quote("a".repeat(65))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("64");
        assertThatThrownBy(() -> MyIdentifiers.quote("表".repeat(65))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> MyIdentifiers.quote(new TableName("db", "t".repeat(65))))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> MyIdentifiers.quote(new TableName("d".repeat(65), "t")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void quoteRejectsATrailingSpace() {
        assertThatThrownBy(() -> MyIdentifiers.quote("name ")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("space");
        assertThatThrownBy(() -> MyIdentifiers.quote(" ")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> MyIdentifiers.quote(new TableName("db", "t "))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void quoteTableQualifiesDatabaseAndTable() {
        assertThat(MyIdentifiers.quote(new TableName("shop", "orders"))).isEqualTo("`shop`.`orders`");
        assertThat(MyIdentifiers.quote(new TableName("we`ird db", "t.a`b"))).isEqualTo("`we``ird db`.`t.a``b`");
    }

    @Test
    void quoteAllJoinsWithCommas() {
        assertThat(MyIdentifiers.quoteAll(List.of("a", "b`c"))).isEqualTo("`a`, `b``c`");
        assertThat(MyIdentifiers.quoteAll(List.of())).isEmpty();
        assertThatThrownBy(() -> MyIdentifiers.quoteAll(List.of("a", "x".repeat(65))))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void literalDoublesSingleQuotesAndBackslashes() {
        assertThat(MyIdentifiers.literal("abc")).isEqualTo("'abc'");
        assertThat(MyIdentifiers.literal("it's")).isEqualTo("'it''s'");
        assertThat(MyIdentifiers.literal("''")).isEqualTo("''''''");
        assertThat(MyIdentifiers.literal("C:\\dir")).isEqualTo("'C:\\\\dir'");
        // a trailing backslash must not escape the closing quote
        assertThat(MyIdentifiers.literal("x\\")).isEqualTo("'x\\\\'");
        assertThat(MyIdentifiers.literal("\\'")).isEqualTo("'\\\\'''");
        assertThat(MyIdentifiers.literal("a\"b`c")).isEqualTo("'a\"b`c'");
        assertThat(MyIdentifiers.literal("")).isEqualTo("''");
        assertThatThrownBy(() -> MyIdentifiers.literal("x\0")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void derivedNameKeepsShortNamesUnchanged() {
        assertThat(MyIdentifiers.derivedName("_", "orders", "_osc_new")).isEqualTo("_orders_osc_new");
        String ascii64 = "a".repeat(64);
        assertThat(MyIdentifiers.derivedName("", ascii64, "")).isEqualTo(ascii64);
        String exactly64 = "b".repeat(64 - 9);
        assertThat(MyIdentifiers.derivedName("_", exactly64, "_osc_new")).isEqualTo("_" + exactly64 + "_osc_new");
        // 55 two-byte characters: 118 bytes but 64 characters, which MySQL accepts
        String umlauts = "ü".repeat(55);
        assertThat(MyIdentifiers.derivedName("_", umlauts, "_osc_old")).isEqualTo("_" + umlauts + "_osc_old");
    }

    @Test
    void derivedNameShortensA64CharNameTo64Characters() {
        String base = "c".repeat(64);
        String name = MyIdentifiers.derivedName("_", base, "_osc_new");
        assertThat(name).hasSize(64);
        assertThat(name).matches("_c{46}_[0-9a-f]{8}_osc_new");
        // one character over the limit is enough to be shortened
        String over = "d".repeat(64 - 9 + 1);
        assertThat(MyIdentifiers.derivedName("_", over, "_osc_new")).hasSize(64).isNotEqualTo("_" + over + "_osc_new");
        // the result is always quotable
        assertThat(MyIdentifiers.quote(name)).isEqualTo("`" + name + "`");
    }

    @Test
    void derivedNameCountsCharactersNotBytes() {
        String name = MyIdentifiers.derivedName("_", "表".repeat(60), "_osc_new");
        assertThat(chars(name)).isEqualTo(64);
        assertThat(name).matches("_表{46}_[0-9a-f]{8}_osc_new");
    }

    @Test
    void derivedNameNeverCutsASurrogatePair() {
        for (int lead = 0; lead < 4; lead++) {
            String base = "x".repeat(lead) + "😀".repeat(60);
            String name = MyIdentifiers.derivedName("_", base, "_osc_fence");
            assertThat(chars(name)).as("lead %d", lead).isEqualTo(64);
            assertThat(wellFormed(name)).as("lead %d: %s", lead, name).isTrue();
            String kept = name.substring(1, name.length() - "_osc_fence".length() - 9);
            assertThat(base).startsWith(kept);
            assertThat(chars(kept)).isEqualTo(64 - 1 - "_osc_fence".length() - 8 - 1);
        }
    }

    @Test
    void derivedNameKeepsTwoLongNamesWithACommonPrefixApart() {
        String common = "customer_order_line_item_with_a_very_long_and_descriptive_na"; // 60 chars
        assertThat(common).hasSize(60);
        String a = MyIdentifiers.derivedName("_", common + "me1", "_osc_new");
        String b = MyIdentifiers.derivedName("_", common + "me2", "_osc_new");
        assertThat(a).isNotEqualTo(b);
        assertThat(chars(a)).isLessThanOrEqualTo(64);
        assertThat(chars(b)).isLessThanOrEqualTo(64);
        // deterministic: the same input always gives the same name
        assertThat(MyIdentifiers.derivedName("_", common + "me1", "_osc_new")).isEqualTo(a);
        // the same base with different suffixes stays distinct too
        assertThat(MyIdentifiers.derivedName("_", common + "me1", "_osc_old")).isNotEqualTo(a);
    }

    @Test
    void derivedNameKeepsNamesWithCollidingJavaHashCodesApart() {
        String common = "x".repeat(60);
        assertThat((common + "Aa").hashCode()).isEqualTo((common + "BB").hashCode());
        String a = MyIdentifiers.derivedName("_", common + "Aa", "_osc_old");
        String b = MyIdentifiers.derivedName("_", common + "BB", "_osc_old");
        assertThat(a).isNotEqualTo(b);
    }
}
