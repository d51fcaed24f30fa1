package dev.osc.engine.unit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.osc.engine.pg.PgAlterClause;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PgAlterClauseTest {

    @Test
    void acceptsPlainClauses() {
        assertThat(PgAlterClause.parse("ADD COLUMN note text").text()).isEqualTo("ADD COLUMN note text");
        assertThat(PgAlterClause.parse("ALTER COLUMN id TYPE bigint").text()).isEqualTo("ALTER COLUMN id TYPE bigint");
        assertThat(PgAlterClause.parse("  add column note text  ").text()).isEqualTo("add column note text");
    }

    @Test
    void stripsTrailingSeparators() {
        assertThat(PgAlterClause.parse("ADD COLUMN note text;").text()).isEqualTo("ADD COLUMN note text");
        assertThat(PgAlterClause.parse("ADD COLUMN note text ; ;  ").text()).isEqualTo("ADD COLUMN note text");
    }

    @Test
    void acceptsSeparatorsInsideStringLiterals() {
        String c = "ADD COLUMN note text DEFAULT 'a;b'";
        assertThat(PgAlterClause.parse(c).text()).isEqualTo(c);
        String doubled = "ADD COLUMN note text DEFAULT 'it''s; -- not a comment /* nor this */'";
        assertThat(PgAlterClause.parse(doubled).text()).isEqualTo(doubled);
    }

    @Test
    void refusesBackslashesEvenInsideStandardStrings() {
        // a backslash can end an escape string (E'...') where the lexer would not: refuse them all
        assertThatThrownBy(() -> PgAlterClause.parse("ADD COLUMN note text DEFAULT 'C:\\dir'"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("backslash");
    }

    @Test
    void acceptsSeparatorsAndDoubledQuotesInsideQuotedIdentifiers() {
        String c = "ADD COLUMN \"we;ird\"\"col\" text";
        assertThat(PgAlterClause.parse(c).text()).isEqualTo(c);
        String c2 = "RENAME COLUMN \"a;b\" TO \"c--d\"";
        assertThat(PgAlterClause.parse(c2).text()).isEqualTo(c2);
    }

    @Test
    void acceptsDollarQuotedBodiesWithSeparators() {
        String c = "ADD COLUMN note text DEFAULT $$a;b$$";
        assertThat(PgAlterClause.parse(c).text()).isEqualTo(c);
        String tagged = "ADD COLUMN note text DEFAULT $x$it's; $$ -- $x$";
        assertThat(PgAlterClause.parse(tagged).text()).isEqualTo(tagged);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "\t\n"})
    void rejectsEmptyOrBlank(String raw) {
        assertThatThrownBy(() -> PgAlterClause.parse(raw)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void rejectsOnlySeparators() {
        assertThatThrownBy(() -> PgAlterClause.parse(";")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PgAlterClause.parse(" ; ; ")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void rejectsNull() {
        assertThatThrownBy(() -> PgAlterClause.parse(null)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("empty");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "ADD COLUMN a int; DROP TABLE t",
            "ADD COLUMN a int;DROP TABLE t;",
            "ADD COLUMN a text DEFAULT 'x'; DROP TABLE t",
            "ADD COLUMN \"a\" int ; SELECT 1",
            "ADD COLUMN a text DEFAULT $$x$$; DROP TABLE t"})
    void rejectsASecondStatement(String raw) {
        assertThatThrownBy(() -> PgAlterClause.parse(raw)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("single ALTER clause");
    }

    @ParameterizedTest
    @ValueSource(strings = {"ADD COLUMN a int -- comment", "ADD COLUMN a int /* c */", "ADD COLUMN a int DEFAULT 1--1",
            "/* x */ ADD COLUMN a int"})
    void rejectsComments(String raw) {
        assertThatThrownBy(() -> PgAlterClause.parse(raw)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("comments");
    }

    @ParameterizedTest
    @ValueSource(strings = {"ADD COLUMN a text DEFAULT 'abc", "ADD COLUMN \"a int", "ADD COLUMN a text DEFAULT 'it''s",
            "ADD COLUMN a text DEFAULT $$abc", "ADD COLUMN a text DEFAULT $t$abc$$"})
    void rejectsUnterminatedQuotes(String raw) {
        assertThatThrownBy(() -> PgAlterClause.parse(raw)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unterminated");
    }

    @ParameterizedTest
    @ValueSource(strings = {"ALTER TABLE t ADD COLUMN a int", "alter table t add column a int", "DROP TABLE t",
            "CREATE TABLE x (a int)", "INSERT INTO t VALUES (1)", "UPDATE t SET a = 1", "DELETE FROM t"})
    void rejectsWholeStatements(String raw) {
        assertThatThrownBy(() -> PgAlterClause.parse(raw)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("only the clause");
    }

    @ParameterizedTest
    @ValueSource(strings = {"ADD COLUMN a int \\gexec", "\\! rm -rf /", "ADD COLUMN a text DEFAULT E\\'x"})
    void rejectsBackslashOutsideQuotes(String raw) {
        assertThatThrownBy(() -> PgAlterClause.parse(raw)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("backslash");
    }

    @Test
    void positionalParameterIsNotADollarQuote() {
        // "$1" is no dollar quote, so the ';' after it is outside quotes
        assertThatThrownBy(() -> PgAlterClause.parse("ALTER COLUMN a SET DEFAULT $1; DROP TABLE t $1"))
                .isInstanceOf(IllegalArgumentException.class);
        // an identifier containing '$' does not open a dollar quote either
        assertThatThrownBy(() -> PgAlterClause.parse("ADD COLUMN a$b$ int; DROP TABLE t; SELECT $b$"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void detectsUsingExpressions() {
        assertThat(PgAlterClause.parse("ALTER COLUMN a TYPE int USING a::int").hasUsingExpression()).isTrue();
        assertThat(PgAlterClause.parse("alter column a type int using (a::int)").hasUsingExpression()).isTrue();
        assertThat(PgAlterClause.parse("ALTER COLUMN a TYPE int USING(a::int)").hasUsingExpression()).isTrue();
        assertThat(PgAlterClause.parse("ALTER COLUMN \"a\" TYPE int USING \"a\"::int").hasUsingExpression()).isTrue();
        assertThat(PgAlterClause.parse("ALTER COLUMN a TYPE int\nUSING\ta::int").hasUsingExpression()).isTrue();
    }

    @Test
    void ignoresUsingInsideLiteralsIdentifiersAndLongerWords() {
        assertThat(PgAlterClause.parse("ALTER COLUMN id TYPE bigint").hasUsingExpression()).isFalse();
        assertThat(PgAlterClause.parse("ADD COLUMN note text DEFAULT 'USING x'").hasUsingExpression()).isFalse();
        assertThat(PgAlterClause.parse("ADD COLUMN note text DEFAULT ' using '").hasUsingExpression()).isFalse();
        assertThat(PgAlterClause.parse("ADD COLUMN \"using\" text").hasUsingExpression()).isFalse();
        assertThat(PgAlterClause.parse("ADD COLUMN \"a USING b\" text").hasUsingExpression()).isFalse();
        assertThat(PgAlterClause.parse("ADD COLUMN using_count int").hasUsingExpression()).isFalse();
        assertThat(PgAlterClause.parse("ADD COLUMN reusing int").hasUsingExpression()).isFalse();
        assertThat(PgAlterClause.parse("ADD COLUMN x$using int").hasUsingExpression()).isFalse();
    }

    @Test
    void rejectsASecondStatementHiddenBehindAnEscapeString() {
        String raw = "ADD COLUMN a text DEFAULT E'\\''; DROP TABLE t; --'";
        assertThatThrownBy(() -> PgAlterClause.parse(raw)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aUsingClauseCannotHideBehindAnEscapeString() {
        String raw = "ALTER COLUMN a SET DEFAULT E'\\'', ALTER COLUMN b TYPE int USING length(b) --'";
        // refused before anything looks for USING: no escape string reaches the planner
        assertThatThrownBy(() -> PgAlterClause.parse(raw)).isInstanceOf(IllegalArgumentException.class);
    }
}
