package dev.osc.engine.unit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.osc.engine.migrate.CreateIndexStatement;
import dev.osc.engine.migrate.Directives;
import dev.osc.engine.migrate.StatementKind;
import dev.osc.engine.run.Strategy;
import dev.osc.engine.script.SqlScript;
import java.util.List;
import org.junit.jupiter.api.Test;

class MigrationStatementsTest {

    @Test
    void aMigrationFileSplitsAtTopLevelSemicolonsOnBothDialects() {
        List<SqlScript.Statement> s = SqlScript.split("""
                CREATE TABLE `a;b` (id INT PRIMARY KEY, note VARCHAR(10) DEFAULT 'x;y' COMMENT 'it''s; here');
                -- osc: strategy=shadow max-rows-per-second=20000
                ALTER TABLE "c" ADD COLUMN d text DEFAULT $tag$ a;$b$; $tag$; /* ; */
                CREATE FUNCTION f() RETURNS int AS $$ SELECT 1; SELECT 2; $$ LANGUAGE sql;
                """);
        assertThat(s).extracting(SqlScript.Statement::text).containsExactly(
                "CREATE TABLE `a;b` (id INT PRIMARY KEY, note VARCHAR(10) DEFAULT 'x;y' COMMENT 'it''s; here')",
                "ALTER TABLE \"c\" ADD COLUMN d text DEFAULT $tag$ a;$b$; $tag$",
                "/* ; */\nCREATE FUNCTION f() RETURNS int AS $$ SELECT 1; SELECT 2; $$ LANGUAGE sql");
        assertThat(s.get(1).directives()).containsExactly("strategy=shadow", "max-rows-per-second=20000");
        assertThat(s.get(0).directives()).isEmpty();
    }

    @Test
    void aBackslashEscapesInMysqlStringsButNotInPostgresOnesOutsideEscapeStrings() {
        String pg = "COMMENT ON TABLE t IS 'C:\\'; SELECT E'it\\'s; one', 'x'; SELECT 3";
        assertThat(SqlScript.split(pg, false)).extracting(SqlScript.Statement::text)
                .containsExactly("COMMENT ON TABLE t IS 'C:\\'", "SELECT E'it\\'s; one', 'x'", "SELECT 3");
        String my = "INSERT INTO t VALUES ('it\\'s; one'); SELECT 2";
        assertThat(SqlScript.split(my, true)).extracting(SqlScript.Statement::text)
                .containsExactly("INSERT INTO t VALUES ('it\\'s; one')", "SELECT 2");
        assertThat(SqlScript.split("SELECT 'x\\'; SELECT 2", false)).hasSize(2);
        assertThat(SqlScript.split("SELECT note'x\\'; SELECT 2", false)).as("the E of a longer word is no prefix").hasSize(2);
    }

    @Test
    void statementsAreSortedByHowTheyRun() {
        assertThat(StatementKind.of("alter table t add column x int")).isEqualTo(StatementKind.ALTER_TABLE);
        assertThat(StatementKind.of("/* c */ ALTER TABLE t ADD x INT")).isEqualTo(StatementKind.ALTER_TABLE);
        assertThat(StatementKind.of("CREATE UNIQUE INDEX i ON t (a)")).isEqualTo(StatementKind.CREATE_INDEX);
        assertThat(StatementKind.of("create index on t (a)")).isEqualTo(StatementKind.CREATE_INDEX);
        for (String ddl : List.of("CREATE TABLE t (id int)", "DROP INDEX i", "COMMENT ON TABLE t IS 'x'", "ALTER SEQUENCE s RESTART",
                "RENAME TABLE a TO b", "CREATE OR REPLACE VIEW v AS SELECT 1")) {
            assertThat(StatementKind.of(ddl)).as(ddl).isEqualTo(StatementKind.DDL);
        }
        for (String other : List.of("INSERT INTO t VALUES (1)", "UPDATE t SET a = 1", "GRANT SELECT ON t TO x", "TRUNCATE t",
                "SELECT pg_sleep(1)", "DO SLEEP(1)")) {
            assertThat(StatementKind.of(other)).as(other).isEqualTo(StatementKind.OTHER);
        }
        assertThat(StatementKind.destroys("drop table t")).contains("DROP TABLE");
        assertThat(StatementKind.destroys("DROP SCHEMA s CASCADE")).contains("DROP SCHEMA");
        assertThat(StatementKind.destroys("TRUNCATE t")).contains("TRUNCATE");
        assertThat(StatementKind.destroys("DROP INDEX i")).isNull();
        assertThat(StatementKind.destroys("CREATE TABLE drop_table (id int)")).isNull();
    }

    @Test
    void aCreateIndexIsRewrittenToBuildConcurrently() {
        CreateIndexStatement i = CreateIndexStatement.parse("CREATE UNIQUE INDEX IF NOT EXISTS \"my idx\" ON public.\"T\" USING btree (a, b)").orElseThrow();
        assertThat(i.name()).isEqualTo("\"my idx\"");
        assertThat(i.table()).isEqualTo("public.\"T\"");
        assertThat(i.concurrent()).isEqualTo("CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS \"my idx\" ON public.\"T\" USING btree (a, b)");
        CreateIndexStatement unnamed = CreateIndexStatement.parse("create index on t(a)").orElseThrow();
        assertThat(unnamed.name()).isNull();
        assertThat(unnamed.concurrent()).isEqualTo("CREATE INDEX CONCURRENTLY ON t(a)");
        assertThat(CreateIndexStatement.parse("CREATE INDEX CONCURRENTLY i ON t (a)").orElseThrow().concurrent())
                .isEqualTo("CREATE INDEX CONCURRENTLY i ON t (a)");
        assertThat(CreateIndexStatement.parse("CREATE INDEX i ON ONLY p (a)").orElseThrow().only()).isTrue();
    }

    @Test
    void directivesAreRestrictedToAWhitelist() {
        Directives d = Directives.parse(List.of("strategy=shadow", "max-rows-per-second=20000", "allow-destructive", "drop-old"));
        assertThat(d.strategy()).isEqualTo(Strategy.SHADOW);
        assertThat(d.maxRowsPerSecond()).isEqualTo(20000L);
        assertThat(d.allowDestructive()).isTrue();
        assertThat(d.dropOld()).isTrue();
        assertThat(d.tunesTheEngine()).isTrue();
        assertThat(Directives.parse(List.of("allow-destructive")).tunesTheEngine()).isFalse();
        assertThat(Directives.parse(List.of("max-rows-per-second=20000", "postpone-cutover")).postponeCutover()).isTrue();
        assertThatThrownBy(() -> Directives.parse(List.of("kill-blockers-after=5s"))).hasMessageContaining("unknown directive osc:kill-blockers-after")
                .hasMessageContaining("allowed: allow-destructive");
        assertThatThrownBy(() -> Directives.parse(List.of("strategy=fast"))).hasMessageContaining("auto, direct or shadow");
        assertThatThrownBy(() -> Directives.parse(List.of("max-rows-per-second=lots"))).hasMessageContaining("whole number");
        assertThatThrownBy(() -> Directives.parse(List.of("drop-old=yes"))).hasMessageContaining("takes no value");
    }
}
