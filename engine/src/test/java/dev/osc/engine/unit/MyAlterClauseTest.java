package dev.osc.engine.unit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import dev.osc.engine.mysql.MyAlterClause;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MyAlterClauseTest {

    @Test
    void acceptsPlainClauses() {
        assertThat(MyAlterClause.parse("ADD COLUMN note TEXT").text()).isEqualTo("ADD COLUMN note TEXT");
        assertThat(MyAlterClause.parse("MODIFY COLUMN id BIGINT NOT NULL").text()).isEqualTo("MODIFY COLUMN id BIGINT NOT NULL");
        assertThat(MyAlterClause.parse("  add column note text  ").text()).isEqualTo("add column note text");
        assertThat(MyAlterClause.parse("ADD INDEX idx_a (a), DROP COLUMN b").text()).isEqualTo("ADD INDEX idx_a (a), DROP COLUMN b");
    }

    @Test
    void stripsTrailingSeparators() {
        assertThat(MyAlterClause.parse("ADD COLUMN note TEXT;").text()).isEqualTo("ADD COLUMN note TEXT");
        assertThat(MyAlterClause.parse("ADD COLUMN note TEXT ; ;  ").text()).isEqualTo("ADD COLUMN note TEXT");
    }

    @Test
    void acceptsSeparatorsAndCommentMarkersInsideStringLiterals() {
        String c = "ADD COLUMN note TEXT DEFAULT 'a;b'";
        assertThat(MyAlterClause.parse(c).text()).isEqualTo(c);
        String doubled = "ADD COLUMN note VARCHAR(50) DEFAULT 'it''s; -- not a comment /* nor this */ # nor this'";
        assertThat(MyAlterClause.parse(doubled).text()).isEqualTo(doubled);
        String dq = "ADD COLUMN note VARCHAR(50) DEFAULT \"say \"\"hi\"\"; /*! DROP TABLE t */\"";
        assertThat(MyAlterClause.parse(dq).text()).isEqualTo(dq);
    }

    @Test
    void acceptsSeparatorsAndDoubledBackticksInsideQuotedIdentifiers() {
        String c = "ADD COLUMN `we;ird``col` INT";
        assertThat(MyAlterClause.parse(c).text()).isEqualTo(c);
        String c2 = "RENAME COLUMN `a;b` TO `c--d#e/*f*/`";
        assertThat(MyAlterClause.parse(c2).text()).isEqualTo(c2);
        String c3 = "ADD COLUMN `it's \"x\"` INT";
        assertThat(MyAlterClause.parse(c3).text()).isEqualTo(c3);
    }

    @Test
    void acceptsOscOptionNamesWhenQuotedOrPartOfLongerWords() {
        assertThat(MyAlterClause.parse("ADD COLUMN `lock` INT").text()).isEqualTo("ADD COLUMN `lock` INT");
        assertThat(MyAlterClause.parse("ADD COLUMN `algorithm` VARCHAR(10)").text()).isNotEmpty();
        assertThat(MyAlterClause.parse("ADD COLUMN lock_count INT").text()).isNotEmpty();
        assertThat(MyAlterClause.parse("ADD COLUMN hash_algorithm VARCHAR(10)").text()).isNotEmpty();
        assertThat(MyAlterClause.parse("ADD COLUMN unlocked TINYINT, ADD COLUMN x$lock INT").text()).isNotEmpty();
        assertThat(MyAlterClause.parse("ADD COLUMN note TEXT DEFAULT 'ALGORITHM=COPY, LOCK=NONE'").text()).isNotEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "\t\n"})
    void rejectsEmptyOrBlank(String raw) {
        assertThatThrownBy(() -> MyAlterClause.parse(raw)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("empty");
    }

    @Test
    void rejectsOnlySeparators() {
        assertThatThrownBy(() -> MyAlterClause.parse(";")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("empty");
        assertThatThrownBy(() -> MyAlterClause.parse(" ; ; ")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("empty");
    }

    @Test
    void rejectsNull() {
        assertThatThrownBy(() -> MyAlterClause.parse(null)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("empty");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "ADD COLUMN a INT; DROP TABLE t",
            "ADD COLUMN a INT;DROP TABLE t;",
            "ADD COLUMN a TEXT DEFAULT 'x'; DROP TABLE t",
            "ADD COLUMN `a` INT ; SELECT 1",
            "ADD COLUMN \"a\" INT ; SELECT 1",
            "ADD COLUMN a INT; ; SELECT 1"})
    void rejectsASecondStatement(String raw) {
        assertThatThrownBy(() -> MyAlterClause.parse(raw)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("single ALTER clause");
    }

    @ParameterizedTest
    @ValueSource(strings = {"ADD COLUMN a INT -- comment", "ADD COLUMN a INT /* c */", "ADD COLUMN a INT DEFAULT 1--1",
            "/* x */ ADD COLUMN a INT", "ADD COLUMN a INT # comment", "ADD COLUMN a INT#",
            "ADD COLUMN a INT /*!50000 , DROP COLUMN b */", "/*!DROP TABLE t*/", "ADD COLUMN a INT /*+ hint */",
            "ADD COLUMN a INT --"})
    void rejectsComments(String raw) {
        assertThatThrownBy(() -> MyAlterClause.parse(raw)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("comments");
    }

    @ParameterizedTest
    @ValueSource(strings = {"ADD COLUMN a TEXT DEFAULT 'abc", "ADD COLUMN a TEXT DEFAULT 'it''s",
            "ADD COLUMN a TEXT DEFAULT \"abc", "ADD COLUMN a TEXT DEFAULT \"say \"\"hi\"\""})
    void rejectsUnterminatedStrings(String raw) {
        assertThatThrownBy(() -> MyAlterClause.parse(raw)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unterminated string");
    }

    @ParameterizedTest
    @ValueSource(strings = {"ADD COLUMN `a INT", "ADD COLUMN `a`` INT", "RENAME COLUMN a TO `b; DROP TABLE t"})
    void rejectsUnterminatedQuotedIdentifiers(String raw) {
        assertThatThrownBy(() -> MyAlterClause.parse(raw)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unterminated quoted identifier");
    }

    @ParameterizedTest
    @ValueSource(strings = {"ALTER TABLE t ADD COLUMN a INT", "alter table t add column a int", "ALTER\tTABLE t ENGINE=InnoDB",
            "ALTER IGNORE TABLE t ADD UNIQUE (a)", "ALTER ONLINE TABLE t ADD COLUMN a INT", "DROP TABLE t",
            "drop  table t", "CREATE TABLE x (a INT)", "CREATE INDEX i ON t (a)", "INSERT INTO t VALUES (1)",
            "UPDATE t SET a = 1", "DELETE FROM t", "RENAME TABLE t TO u", "rename table t to u"})
    void rejectsWholeStatements(String raw) {
        assertThatThrownBy(() -> MyAlterClause.parse(raw)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("only the clause");
    }

    @Test
    void acceptsActionsThatOnlyLookLikeStatements() {
        assertThat(MyAlterClause.parse("ALTER COLUMN a SET DEFAULT 1").text()).isNotEmpty();
        assertThat(MyAlterClause.parse("DROP COLUMN `table`").text()).isNotEmpty();
        assertThat(MyAlterClause.parse("RENAME COLUMN a TO b").text()).isNotEmpty();
        assertThat(MyAlterClause.parse("ALTER `TABLE` SET DEFAULT 1").text()).isNotEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"ADD COLUMN a INT \\G", "\\! rm -rf /", "ADD COLUMN a TEXT DEFAULT 'C:\\dir'",
            "ADD COLUMN `a\\` INT", "ADD COLUMN a TEXT DEFAULT 'x\\'; DROP TABLE t; -- '"})
    void rejectsBackslashesAnywhere(String raw) {
        assertThatThrownBy(() -> MyAlterClause.parse(raw)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("backslash");
    }

    @ParameterizedTest
    @ValueSource(strings = {"ADD COLUMN a INT, ALGORITHM=COPY", "ADD COLUMN a INT, LOCK=NONE", "ALGORITHM = INPLACE, ADD COLUMN a INT",
            "add column a int, algorithm=instant", "ADD COLUMN a INT, ALGORITHM INSTANT, LOCK SHARED",
            "ADD COLUMN a INT,\nLock=Exclusive", "ADD COLUMN a INT DEFAULT 'x' ALGORITHM=COPY"})
    void rejectsAlgorithmAndLockOptions(String raw) {
        assertThatThrownBy(() -> MyAlterClause.parse(raw)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("osc chooses ALGORITHM and LOCK itself");
    }

    @Test
    void noRenamesForOrdinaryClauses() {
        assertThat(MyAlterClause.parse("ADD COLUMN note TEXT").renames()).isEmpty();
        assertThat(MyAlterClause.parse("MODIFY COLUMN a BIGINT").renames()).isEmpty();
        assertThat(MyAlterClause.parse("MODIFY a BIGINT, ADD COLUMN b INT AFTER a").renames()).isEmpty();
        assertThat(MyAlterClause.parse("DROP COLUMN a, ADD INDEX idx (b)").renames()).isEmpty();
        assertThat(MyAlterClause.parse("RENAME INDEX a TO b").renames()).isEmpty();
        assertThat(MyAlterClause.parse("RENAME KEY a TO b").renames()).isEmpty();
    }

    @Test
    void renameColumn() {
        assertThat(MyAlterClause.parse("RENAME COLUMN a TO b").renames()).containsExactly(entry("a", "b"));
        assertThat(MyAlterClause.parse("rename column old_name to New_Name").renames())
                .containsExactly(entry("old_name", "New_Name"));
        assertThat(MyAlterClause.parse("RENAME COLUMN a TO b, RENAME COLUMN c TO d").renames())
                .containsExactly(entry("a", "b"), entry("c", "d"));
        // a swap refers to the original names
        assertThat(MyAlterClause.parse("RENAME COLUMN a TO b, RENAME COLUMN b TO a").renames())
                .containsExactly(entry("a", "b"), entry("b", "a"));
    }

    @Test
    void changeColumn() {
        assertThat(MyAlterClause.parse("CHANGE COLUMN a b BIGINT").renames()).containsExactly(entry("a", "b"));
        assertThat(MyAlterClause.parse("CHANGE a b BIGINT NOT NULL DEFAULT 0").renames()).containsExactly(entry("a", "b"));
        assertThat(MyAlterClause.parse("change column a b varchar(20) after c").renames()).containsExactly(entry("a", "b"));
        assertThat(MyAlterClause.parse("CHANGE a b INT, CHANGE COLUMN c d TEXT, RENAME COLUMN e TO f").renames())
                .containsExactly(entry("a", "b"), entry("c", "d"), entry("e", "f"));
    }

    @Test
    void changeToTheSameNameIsNoRename() {
        assertThat(MyAlterClause.parse("CHANGE COLUMN a a BIGINT").renames()).isEmpty();
        assertThat(MyAlterClause.parse("CHANGE `a` a BIGINT, CHANGE b c INT").renames()).containsExactly(entry("b", "c"));
    }

    @Test
    void renamesWithBacktickQuotedNames() {
        assertThat(MyAlterClause.parse("RENAME COLUMN `old col` TO `new;col`").renames())
                .containsExactly(entry("old col", "new;col"));
        assertThat(MyAlterClause.parse("CHANGE COLUMN `a``b` `c``d` INT").renames()).containsExactly(entry("a`b", "c`d"));
        assertThat(MyAlterClause.parse("CHANGE `from` `to` INT").renames()).containsExactly(entry("from", "to"));
        assertThat(MyAlterClause.parse("RENAME COLUMN `column` TO `TO`").renames()).containsExactly(entry("column", "TO"));
        assertThat(MyAlterClause.parse("CHANGE ```` `,` INT").renames()).containsExactly(entry("`", ","));
        assertThat(MyAlterClause.parse("RENAME COLUMN größe TO `表`").renames()).containsExactly(entry("größe", "表"));
    }

    @Test
    void renamesWithMariaDbIfExists() {
        assertThat(MyAlterClause.parse("CHANGE COLUMN IF EXISTS a b INT").renames()).containsExactly(entry("a", "b"));
        assertThat(MyAlterClause.parse("RENAME COLUMN IF EXISTS a TO b").renames()).containsExactly(entry("a", "b"));
    }

    @Test
    void noFalseRenamesFromStringsOrParentheses() {
        assertThat(MyAlterClause.parse("ADD COLUMN note TEXT DEFAULT 'RENAME COLUMN a TO b'").renames()).isEmpty();
        assertThat(MyAlterClause.parse("ADD COLUMN note VARCHAR(40) DEFAULT 'x, CHANGE a b INT'").renames()).isEmpty();
        assertThat(MyAlterClause.parse("ADD COLUMN `RENAME COLUMN a TO b` INT").renames()).isEmpty();
        // inside parentheses (a DEFAULT expression or a CHECK) nothing starts an action
        assertThat(MyAlterClause.parse("ADD COLUMN c INT DEFAULT (coalesce(1, change)), ADD CHECK (a > 0, change a b c)")
                .renames()).isEmpty();
        assertThat(MyAlterClause.parse("ADD CONSTRAINT ck CHECK (x IN (1, 2) AND y <> 0)").renames()).isEmpty();
        assertThat(MyAlterClause.parse("ADD COLUMN s SET('a', 'b', 'c'), ADD COLUMN e ENUM('rename', 'column')").renames())
                .isEmpty();
        // a comma inside a type's parentheses does not end the CHANGE action
        assertThat(MyAlterClause.parse("CHANGE a b DECIMAL(10, 2), ADD CHECK (b > 0)").renames())
                .containsExactly(entry("a", "b"));
        // only at the start of an action: a later word CHANGE is not a CHANGE action
        assertThat(MyAlterClause.parse("ADD COLUMN a INT COMMENT 'x' change b c").renames()).isEmpty();
    }

    @Test
    void incompleteRenameFormsAreNotRenames() {
        // syntax errors the database will report; renames() just does not see a rename in them
        assertThat(MyAlterClause.parse("CHANGE a b").renames()).isEmpty();
        assertThat(MyAlterClause.parse("RENAME COLUMN a b").renames()).isEmpty();
        assertThat(MyAlterClause.parse("RENAME COLUMN a TO").renames()).isEmpty();
        assertThat(MyAlterClause.parse("CHANGE 'a' b INT").renames()).isEmpty();
    }

    @Test
    void renamesAreReadOnly() {
        Map<String, String> renames = MyAlterClause.parse("RENAME COLUMN a TO b").renames();
        assertThatThrownBy(() -> renames.put("x", "y")).isInstanceOf(UnsupportedOperationException.class);
    }
}
