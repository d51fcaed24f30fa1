package dev.osc.engine.unit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.osc.engine.script.AlterStatement;
import dev.osc.engine.script.SqlScript;
import java.util.List;
import org.junit.jupiter.api.Test;

class SqlScriptTest {

    @Test
    void splitsAtTopLevelSemicolonsOnly() {
        List<SqlScript.Statement> s = SqlScript.split("""
                -- first
                ALTER TABLE a ADD COLUMN x text DEFAULT 'x;y';
                ALTER TABLE "b;c" ADD COLUMN y int; -- trailing
                /* block; comment */ ALTER TABLE `d` ADD COLUMN z INT COMMENT 'it''s; fine';
                CREATE FUNCTION f() RETURNS int AS $body$ SELECT 1; $body$ LANGUAGE sql
                """);
        assertThat(s).extracting(SqlScript.Statement::text).containsExactly(
                "ALTER TABLE a ADD COLUMN x text DEFAULT 'x;y'",
                "ALTER TABLE \"b;c\" ADD COLUMN y int",
                "/* block; comment */ ALTER TABLE `d` ADD COLUMN z INT COMMENT 'it''s; fine'",
                "CREATE FUNCTION f() RETURNS int AS $body$ SELECT 1; $body$ LANGUAGE sql");
        assertThat(s).extracting(SqlScript.Statement::line).containsExactly(2, 3, 4, 5);
    }

    @Test
    void aDirectiveBelongsToTheStatementAfterIt() {
        List<SqlScript.Statement> s = SqlScript.split("ALTER TABLE a DROP COLUMN x;\n-- osc:allow-destructive\nALTER TABLE b DROP COLUMN y;\n");
        assertThat(s.get(0).hasDirective("allow-destructive")).isFalse();
        assertThat(s.get(1).hasDirective("allow-destructive")).isTrue();
    }

    @Test
    void anUnclosedQuoteOrCommentIsBadInput() {
        assertThatThrownBy(() -> SqlScript.split("ALTER TABLE a ADD COLUMN x text DEFAULT 'oops;"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("line 1");
        assertThatThrownBy(() -> SqlScript.split("/* never closed")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SqlScript.split("SELECT $x$ never")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void anAlterStatementGivesItsTableAsWrittenAndItsClause() {
        assertThat(AlterStatement.parse("alter table public.t ALTER COLUMN v TYPE bigint"))
                .isEqualTo(new AlterStatement("public.t", "ALTER COLUMN v TYPE bigint"));
        assertThat(AlterStatement.parse("ALTER TABLE \"My \"\"T\"\"\".x\n  ADD COLUMN a int"))
                .isEqualTo(new AlterStatement("\"My \"\"T\"\"\".x", "ADD COLUMN a int"));
        assertThat(AlterStatement.parse("ALTER TABLE `a b` MODIFY v BIGINT")).isEqualTo(new AlterStatement("`a b`", "MODIFY v BIGINT"));
        assertThatThrownBy(() -> AlterStatement.parse("UPDATE t SET v = 1")).hasMessageContaining("not an ALTER TABLE statement");
        assertThatThrownBy(() -> AlterStatement.parse("ALTER TABLE t")).hasMessageContaining("has no clause");
        assertThatThrownBy(() -> AlterStatement.parse("ALTER TABLE ONLY t ADD COLUMN a int")).hasMessageContaining("not supported");
        assertThatThrownBy(() -> AlterStatement.parse("ALTER TABLESPACE x RENAME TO y")).hasMessageContaining("not an ALTER TABLE");
    }
}
