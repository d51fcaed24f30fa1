package dev.osc.engine.scenario;

import static dev.osc.engine.scenario.Checks.databaseUnchanged;
import static dev.osc.engine.scenario.Checks.errContains;
import static dev.osc.engine.scenario.Checks.endsWithOneLine;
import static dev.osc.engine.scenario.Checks.field;
import static dev.osc.engine.scenario.Checks.neverShows;
import static dev.osc.engine.scenario.Checks.noStackTrace;
import static dev.osc.engine.scenario.Checks.number;
import static dev.osc.engine.scenario.Checks.rows;
import static dev.osc.engine.scenario.Checks.sourceUnchanged;

import dev.osc.engine.it.Osc;
import java.util.List;

/**
 * Bad input, refusals and run-time failures: the documented exit status, one line on stderr (no
 * stack trace), the source exactly as it was, and nothing of the run left behind.
 */
final class FailureScenarios {
    private static final PerDb<String> RETYPE_V = PerDb.of("ALTER COLUMN v TYPE bigint", "MODIFY v BIGINT");
    /** A parent table and a column {@code p} of the table referencing it through foreign key {@code p_parent}. */
    private static final PerDb<List<String>> PARENT_WITH_FOREIGN_KEY = PerDb.of(
            List.of("CREATE TABLE {t}_parent (id bigint PRIMARY KEY)", "INSERT INTO {t}_parent VALUES (1)",
                    "ALTER TABLE {t} ADD COLUMN p bigint CONSTRAINT p_parent REFERENCES {t}_parent (id)"),
            List.of("CREATE TABLE {t}_parent (id BIGINT PRIMARY KEY) ENGINE=InnoDB", "INSERT INTO {t}_parent VALUES (1)",
                    "ALTER TABLE {t} ADD COLUMN p BIGINT, ADD CONSTRAINT p_parent FOREIGN KEY (p) REFERENCES {t}_parent (id)"));

    private FailureScenarios() {
    }

    static List<Scenario> all() {
        return List.of(
                Scenario.named("alter-rejected-by-database")
                        .table(Shape.PLAIN, 100)
                        .alter("ADD COLUMN")
                        .flags("--strategy", "shadow")
                        .expect(Expect.fails(2, "rejected")),

                Scenario.named("alter-names-missing-column")
                        .table(Shape.PLAIN, 100)
                        .alter(PerDb.of("ALTER COLUMN nope TYPE bigint", "MODIFY nope BIGINT"))
                        .expect(Expect.fails(2)),

                Scenario.named("two-statements-refused")
                        .table(Shape.PLAIN, 10)
                        .alter("ADD COLUMN a int; DROP TABLE {t}")
                        .expect(Expect.fails(2, "single ALTER clause")),

                // osc chooses the algorithm: a clause that names one is refused
                Scenario.named("algorithm-clause-refused")
                        .table(Shape.PLAIN, 100)
                        .alter(PerDb.mariaOnly("ADD COLUMN a INT, ALGORITHM=COPY"))
                        .expect(Expect.fails(2)),

                Scenario.named("missing-table")
                        .alter("ADD COLUMN a int")
                        .expect(Expect.fails(2, "does not exist").and(field("status", "bad-input"))),

                Scenario.named("unreachable-server-hides-password")
                        .alter("ADD COLUMN a int")
                        .during(Interferences.command(PerDb.of(
                                List.of("alter", "--url", "jdbc:postgresql://127.0.0.1:1/db?user=u&password=s3cr3t-pw", "--table", "t",
                                        "--alter", "ADD COLUMN a int", "--json"),
                                List.of("alter", "--url", "jdbc:mariadb://127.0.0.1:1/db?user=u&password=s3cr3t-pw", "--table", "t",
                                        "--alter", "ADD COLUMN a int", "--json"))))
                        .expect(Expect.exit(2).and(errContains("cannot connect"), noStackTrace(), neverShows("s3cr3t-pw"), databaseUnchanged())),

                Scenario.named("unknown-option-is-bad-usage")
                        .alter("ADD COLUMN a int")
                        .during(stage -> Osc.run("alter", "--url", stage.db().url(), "--table", "t",
                                "--alter", "ADD COLUMN a int", "--bogus"))
                        .expect(Expect.exit(2).and(errContains("--bogus"), databaseUnchanged())),

                // bad input, the same on both databases: exit 2 and nothing changed anywhere in the database
                Scenario.named("statement-in-table-name")
                        .table(Shape.PLAIN, 10)
                        .alter("ADD COLUMN a int")
                        .during(Interferences.tableArgument(PerDb.both("{t}; DROP TABLE {t}")))
                        .expect(Expect.fails(2, "does not exist")),

                Scenario.named("quote-breaking-table-name")
                        .table(Shape.PLAIN, 10)
                        .alter("ADD COLUMN a int")
                        .during(Interferences.tableArgument(PerDb.of("{t}\"; DROP TABLE {t}; --", "{t}`; DROP TABLE {t}; -- ")))
                        .expect(Expect.fails(2, "--table must be TABLE or")),

                // a quoted name with an escaped quote inside: the whole of it is one name, which no table has
                Scenario.named("escaped-quote-in-table-name")
                        .table(Shape.PLAIN, 10)
                        .alter("ADD COLUMN a int")
                        .during(Interferences.tableArgument(PerDb.of("\"{t}\"\"; DROP TABLE {t}; --\"", "`{t}``; DROP TABLE {t}; -- `")))
                        .expect(Expect.fails(2, "does not exist")),

                Scenario.named("statement-hidden-in-a-literal")
                        .table(Shape.PLAIN, 10)
                        .alter(PerDb.of("ADD COLUMN a text DEFAULT $$x$$; DROP TABLE {t}",
                                "ADD COLUMN a TEXT DEFAULT 'x\\'; DROP TABLE {t}; -- '"))
                        .expect(Expect.fails(2)),

                Scenario.named("wrong-password")
                        .table(Shape.PLAIN, 10)
                        .alter("ADD COLUMN a int")
                        .during(Interferences.wrongPassword("osc_scenario_login", "right-Pw-4q8Zr", "wrong-Pw-9xT2m"))
                        .expect(Expect.exit(2).and(errContains("cannot connect"), noStackTrace(), sourceUnchanged(),
                                databaseUnchanged(), neverShows("right-Pw-4q8Zr"), neverShows("wrong-Pw-9xT2m"))),

                Scenario.named("no-primary-key-refused")
                        .table(Shape.NO_KEY, 100)
                        .alter(RETYPE_V)
                        .flags("--strategy", "shadow")
                        .expect(Expect.fails(3, "no primary key")),

                // PostgreSQL only (MariaDB has no replica identity): the shadow path keeps a replica-identity key as it
                // keeps a primary key; an ALTER that drops a column of that index, or changes the identity, is refused
                Scenario.named("pg-replident-column-dropped-refused")
                        .table(Shape.REPLICA_IDENTITY_KEYED, 100)
                        .alter(PerDb.pgOnly("DROP COLUMN id"))
                        .flags("--strategy", "shadow", "--allow-destructive")
                        .expect(Expect.fails(3, "the ALTER changes the replica identity index; the shadow path keeps the key")),

                // PostgreSQL only: with REPLICA IDENTITY NOTHING the stream would see no old key, and once published the
                // table's updates and deletes would fail: refused before anything is created
                Scenario.named("pg-replica-identity-nothing-refused")
                        .table(Shape.PLAIN, 100)
                        .setup(PerDb.pgOnly(List.of("ALTER TABLE {t} REPLICA IDENTITY NOTHING")), PerDb.pgOnly(List.of()))
                        .alter(PerDb.pgOnly("ALTER COLUMN v TYPE bigint"))
                        .flags("--strategy", "shadow")
                        .expect(Expect.fails(3, "has REPLICA IDENTITY NOTHING: published for the run, its updates and deletes would fail")),

                Scenario.named("pg-replident-set-full-refused")
                        .table(Shape.REPLICA_IDENTITY_KEYED, 100)
                        .alter(PerDb.pgOnly("ALTER COLUMN v TYPE bigint, REPLICA IDENTITY FULL"))
                        .flags("--strategy", "shadow")
                        .expect(Expect.fails(3, "the ALTER changes the replica identity index; the shadow path keeps the key")),

                Scenario.named("foreign-key-refused")
                        .table(Shape.PLAIN, 10)
                        .setup(PerDb.of(List.of("CREATE TABLE {t}_child (id int PRIMARY KEY, parent bigint REFERENCES {t} (id))"),
                                        List.of("CREATE TABLE {t}_child (id INT PRIMARY KEY, parent BIGINT, "
                                                + "FOREIGN KEY (parent) REFERENCES {t} (id)) ENGINE=InnoDB")),
                                PerDb.both(List.of("DROP TABLE IF EXISTS {t}_child")))
                        .alter(RETYPE_V)
                        .flags("--strategy", "shadow")
                        .expect(Expect.fails(3, "foreign keys point at the table")),

                Scenario.named("dependent-view-refused")
                        .table(Shape.PLAIN, 10)
                        .setup(PerDb.pgOnly(List.of("CREATE VIEW {t}_view AS SELECT id FROM {t}")),
                                PerDb.pgOnly(List.of("DROP VIEW IF EXISTS {t}_view")))
                        .alter(PerDb.pgOnly("ALTER COLUMN v TYPE bigint"))
                        .flags("--strategy", "shadow")
                        .expect(Expect.fails(3, "views depend on the table")),

                Scenario.named("trigger-refused")
                        .table(Shape.PLAIN, 10)
                        .setup(PerDb.mariaOnly(List.of("CREATE TRIGGER {t}_t BEFORE UPDATE ON {t} FOR EACH ROW SET NEW.v = NEW.v")),
                                PerDb.mariaOnly(List.of("DROP TRIGGER IF EXISTS {t}_t")))
                        .alter(PerDb.mariaOnly("MODIFY v BIGINT"))
                        .flags("--strategy", "shadow")
                        .expect(Expect.fails(3, "triggers")),

                Scenario.named("second-run-refused")
                        .table(Shape.PLAIN, 30_000)
                        .alter(RETYPE_V)
                        .flags("--strategy", "shadow", "--max-rows-per-second", "5000")
                        .during(Interferences.secondRun("ADD COLUMN other int"))
                        .expect(Expect.shadowDone()),

                // a schema change made on the source while the run copies is not in the shadow: the run must
                // stop before the swap, naming it, and leave the source (with the new column and its data) alone
                Scenario.named("source-altered-mid-copy")
                        .table(Shape.PLAIN, 40_000)
                        .alter(RETYPE_V)
                        .flags("--strategy", "shadow", "--max-rows-per-second", "4000", "--chunk-target-ms", "50")
                        .during(Interferences.alterSourceMidCopy(PerDb.of(
                                List.of("ALTER TABLE {t} ADD COLUMN late int DEFAULT 7", "UPDATE {t} SET late = 8 WHERE id <= 10"),
                                List.of("ALTER TABLE {t} ADD COLUMN late INT DEFAULT 7, ALGORITHM=INSTANT",
                                        "UPDATE {t} SET late = 8 WHERE id <= 10"))))
                        .expect(Expect.exit(1).and(errContains("was altered while osc ran", "late"), noStackTrace(),
                                number("SELECT count(*) FROM {t} WHERE late = 8", 10),
                                number("SELECT count(*) FROM {t} WHERE late = 7", 40_000 - 10))),

                // PostgreSQL only: the stream's keys of a table without primary key come from its replica identity; a
                // change of it on the source while the run copies is caught like any other DDL
                Scenario.named("pg-replident-changed-mid-copy")
                        .table(Shape.REPLICA_IDENTITY_KEYED, 40_000)
                        .alter(PerDb.pgOnly("ALTER COLUMN v TYPE bigint"))
                        .flags("--strategy", "shadow", "--max-rows-per-second", "4000", "--chunk-target-ms", "50")
                        .during(Interferences.alterSourceMidCopy(PerDb.pgOnly(List.of("ALTER TABLE {t} REPLICA IDENTITY FULL"))))
                        .expect(Expect.exit(1).and(errContains("was altered while osc ran", "replica identity FULL"), noStackTrace())),

                // destructive changes are gated on every path: refused (exit 3) naming each action, the source untouched
                Scenario.named("drop-column-with-data-refused")
                        .table(Shape.PLAIN, 1_000)
                        .alter("DROP COLUMN note")
                        .expect(Expect.fails(3, "destructive", "drops column note and its data", "--allow-destructive")),

                Scenario.named("narrowing-and-rename-refused")
                        .table(Shape.PLAIN, 1_000)
                        .alter(PerDb.mariaOnly("MODIFY v SMALLINT, RENAME COLUMN note TO remark"))
                        .flags("--strategy", "shadow")
                        .expect(Expect.fails(3, "changes column v from", "renames column note to remark")),

                Scenario.named("narrowing-refused")
                        .table(Shape.PLAIN, 1_000)
                        .alter(PerDb.pgOnly("ALTER COLUMN v TYPE smallint"))
                        .flags("--strategy", "shadow")
                        .expect(Expect.fails(3, "changes column v from integer to smallint")),

                // a rename is metadata-only, but it breaks the code that names the column: gated on the direct path too
                Scenario.named("rename-refused")
                        .table(Shape.PLAIN, 1_000)
                        .alter(PerDb.pgOnly("RENAME COLUMN note TO remark"))
                        .expect(Expect.fails(3, "renames column note to remark")),

                Scenario.named("drop-column-allowed")
                        .table(Shape.PLAIN, 1_000)
                        .alter("DROP COLUMN note")
                        .flags("--allow-destructive")
                        .expect(Expect.directDone().and(number(PerDb.of(
                                "SELECT count(*) FROM information_schema.columns WHERE table_name = '{t}' AND column_name = 'note'",
                                "SELECT COUNT(*) FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = '{t}' "
                                        + "AND COLUMN_NAME = 'note'"), 0))),

                Scenario.named("drop-column-of-an-empty-table")
                        .table(Shape.PLAIN, 1)
                        .setup(PerDb.both(List.of("DELETE FROM {t}")), PerDb.both(List.of()))
                        .alter("DROP COLUMN note")
                        .expect(Expect.directDone()),

                // data the change would reject is found before anything is copied, on every path, naming the first row
                Scenario.named("duplicates-for-new-unique-refused")
                        .table(Shape.PLAIN, 1_000)
                        .setup(PerDb.both(List.of("UPDATE {t} SET note = 'dup' WHERE id IN (3, 4)")), PerDb.both(List.of()))
                        .alter(PerDb.of("ADD CONSTRAINT note_unique UNIQUE (note)", "ADD UNIQUE KEY note_unique (note)"))
                        .expect(Expect.fails(3, "the data would violate the change", "(note) = (dup) appears more than once")),

                Scenario.named("nulls-for-new-not-null-refused")
                        .table(Shape.PLAIN, 1_000)
                        .setup(PerDb.both(List.of("UPDATE {t} SET note = NULL WHERE id = 7")), PerDb.both(List.of()))
                        .alter(PerDb.of("ALTER COLUMN note SET NOT NULL", "MODIFY note VARCHAR(100) NOT NULL"))
                        .flags("--strategy", "shadow")
                        .expect(Expect.fails(3, "column note holds NULLs (first at key 7)")),

                Scenario.named("check-violation-refused")
                        .table(Shape.PLAIN, 1_000)
                        .setup(PerDb.both(List.of("UPDATE {t} SET v = -5 WHERE id = 9")), PerDb.both(List.of()))
                        .alter("ADD CONSTRAINT v_positive CHECK (v > 0)")
                        .expect(Expect.fails(3, "the data would violate the change", "the row with key 9 fails CHECK constraint v_positive")),

                Scenario.named("narrowed-type-values-refused")
                        .table(Shape.PLAIN, 1_000)
                        .setup(PerDb.both(List.of("UPDATE {t} SET v = 40000 WHERE id = 11")), PerDb.both(List.of()))
                        .alter(PerDb.of("ALTER COLUMN v TYPE smallint", "MODIFY v SMALLINT"))
                        .flags("--strategy", "shadow", "--allow-destructive")
                        .expect(Expect.fails(3, "column v holds values smallint", "cannot hold (first at key 11: 40000)")),

                Scenario.named("narrowed-type-values-fit")
                        .table(Shape.PLAIN, 1_000)
                        .setup(PerDb.both(List.of("UPDATE {t} SET note = 'n' WHERE id > 5")), PerDb.both(List.of()))
                        .alter(PerDb.of("ALTER COLUMN note TYPE varchar(5)", "MODIFY note VARCHAR(5)"))
                        .flags("--strategy", "shadow", "--allow-destructive")
                        .expect(Expect.shadowDone()),

                // data no query could tell about before: the database's own error, with the same exit status on both paths
                Scenario.named("data-error-on-the-direct-path")
                        .table(Shape.PLAIN, 1_000)
                        .alter(PerDb.of("ALTER COLUMN note TYPE int USING note::int", "MODIFY note INT"))
                        .flags("--allow-destructive")
                        .expect(Expect.fails(3, "the data would violate the change: ", "the table is unchanged")),

                Scenario.named("data-error-on-the-shadow-path")
                        .table(Shape.PLAIN, 1_000)
                        .setup(PerDb.of(List.of("ALTER TABLE {t} ADD COLUMN d double precision DEFAULT 1",
                                "UPDATE {t} SET d = 1e300 WHERE id = 3"), List.of()), PerDb.both(List.of()))
                        .alter(PerDb.of("ALTER COLUMN d TYPE real", "MODIFY note INT"))
                        .flags("--allow-destructive", "--strategy", "shadow")
                        .expect(Expect.fails(3, "the data would violate the change: ", "the source is unchanged")),

                // dropping what other code may rely on is gated like data loss, even on the direct path
                Scenario.named("drop-check-constraint-gated")
                        .table(Shape.PLAIN, 1_000)
                        .setup(PerDb.both(List.of("ALTER TABLE {t} ADD CONSTRAINT v_positive CHECK (v > 0)")), PerDb.both(List.of()))
                        .alter("DROP CONSTRAINT v_positive")
                        .expect(Expect.fails(3, "drops CHECK constraint v_positive", "--allow-destructive")),

                Scenario.named("drop-unique-key-gated")
                        .table(Shape.PLAIN, 1_000)
                        .setup(PerDb.of(List.of("ALTER TABLE {t} ADD CONSTRAINT note_unique UNIQUE (note)"),
                                List.of("ALTER TABLE {t} ADD UNIQUE KEY note_unique (note)")), PerDb.both(List.of()))
                        .alter(PerDb.of("DROP CONSTRAINT note_unique", "DROP INDEX note_unique"))
                        .expect(Expect.fails(3, "drops unique key note_unique (note)", "--allow-destructive")),

                Scenario.named("drop-unique-key-allowed")
                        .table(Shape.PLAIN, 1_000)
                        .setup(PerDb.of(List.of("ALTER TABLE {t} ADD CONSTRAINT note_unique UNIQUE (note)"),
                                List.of("ALTER TABLE {t} ADD UNIQUE KEY note_unique (note)")), PerDb.both(List.of()))
                        .alter(PerDb.of("DROP CONSTRAINT note_unique", "DROP INDEX note_unique"))
                        .flags("--allow-destructive")
                        .expect(Expect.directDone()),

                Scenario.named("drop-foreign-key-gated")
                        .table(Shape.PLAIN, 100)
                        .setup(PARENT_WITH_FOREIGN_KEY, PerDb.of(List.of("DROP TABLE IF EXISTS {t}_parent CASCADE"),
                                List.of("DROP TABLE IF EXISTS {t}", "DROP TABLE IF EXISTS {t}_parent")))
                        .alter(PerDb.of("DROP CONSTRAINT p_parent", "DROP FOREIGN KEY p_parent"))
                        .expect(Expect.fails(3, "drops foreign key p_parent (code may rely on it)", "--allow-destructive")),

                Scenario.named("drop-foreign-key-allowed")
                        .table(Shape.PLAIN, 100)
                        .setup(PARENT_WITH_FOREIGN_KEY, PerDb.of(List.of("DROP TABLE IF EXISTS {t}_parent CASCADE"),
                                List.of("DROP TABLE IF EXISTS {t}", "DROP TABLE IF EXISTS {t}_parent")))
                        .alter(PerDb.of("DROP CONSTRAINT p_parent", "DROP FOREIGN KEY p_parent"))
                        .flags("--allow-destructive")
                        .expect(Expect.directDone().and(number(PerDb.of(
                                "SELECT count(*) FROM pg_constraint WHERE conrelid = '{t}'::regclass AND contype = 'f'",
                                "SELECT count(*) FROM information_schema.REFERENTIAL_CONSTRAINTS WHERE CONSTRAINT_SCHEMA = DATABASE() "
                                        + "AND TABLE_NAME = '{t}'"), 0))),

                Scenario.named("unique-collation-change-gated")
                        .table(Shape.PLAIN, 1_000)
                        .setup(PerDb.of(List.of("ALTER TABLE {t} ADD CONSTRAINT note_unique UNIQUE (note)"),
                                List.of("ALTER TABLE {t} ADD UNIQUE KEY note_unique (note)")), PerDb.both(List.of()))
                        .alter(PerDb.of("ALTER COLUMN note TYPE text COLLATE \"C\"",
                                "MODIFY note VARCHAR(100) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin"))
                        .expect(Expect.fails(3, "changes the collation of unique column note", "--allow-destructive")),

                Scenario.named("copy-connection-killed")
                        .table(Shape.PLAIN, 40_000)
                        .alter(RETYPE_V)
                        .flags("--strategy", "shadow", "--max-rows-per-second", "4000", "--chunk-target-ms", "50")
                        .during(Interferences.killCopyConnection())
                        .expect(Expect.fails(1)),

                Scenario.named("process-terminated-mid-copy")
                        .table(Shape.PLAIN, 40_000)
                        .alter(RETYPE_V)
                        .flags("--strategy", "shadow", "--max-rows-per-second", "4000")
                        .during(Interferences.signalProcess("TERM"))
                        .expect(Expect.exit(1).and(noStackTrace(), sourceUnchanged(), endsWithOneLine(
                                "osc: interrupted (SIGTERM) during copy: removed the shadow", "the source is unchanged"))),

                // a server finishes (and commits) a statement whose client is gone: the direct ALTER is cancelled on the server
                Scenario.named("process-terminated-in-direct-ddl")
                        .table(Shape.PLAIN, 1_000_000)
                        .alter(RETYPE_V)
                        .flags("--strategy", "direct")
                        .during(Interferences.terminateDuringDirectAlter())
                        .expect(Expect.exit(1).and(noStackTrace(), sourceUnchanged(), Checks.lastLine(
                                "osc: interrupted (SIGTERM) during the direct ALTER: cancelled on the server; the table is unchanged"))),

                // Ctrl-C
                Scenario.named("process-interrupted-mid-copy")
                        .table(Shape.PLAIN, 40_000)
                        .alter(RETYPE_V)
                        .flags("--strategy", "shadow", "--max-rows-per-second", "4000")
                        .during(Interferences.signalProcess("INT"))
                        .expect(Expect.exit(1).and(noStackTrace(), sourceUnchanged(), endsWithOneLine(
                                "osc: interrupted (SIGINT) during copy: removed the shadow", "the source is unchanged"))),

                // a transaction left open on the table outlasts --cutover-timeout: the run names it on every failed
                // attempt and in its error, gives up (exit 1), removes what it created and leaves the session alone
                Scenario.named("blocker-outlasts-cutover-timeout")
                        .table(Shape.PLAIN, 2_000)
                        .alter(RETYPE_V)
                        .flags(PerDb.of(List.of("--strategy", "shadow", "--lock-timeout-ms", "10", "--cutover-timeout", "3s"),
                                List.of("--strategy", "shadow", "--lock-timeout-ms", "1000", "--cutover-timeout", "4s")))
                        .during(Interferences.openTransactionThroughCutover("SELECT COUNT(*) FROM {t}", false))
                        .expect(Expect.fails(1, "cut-over gave up", "not granted", "; blocked by session ")),

                Scenario.named("kill-blockers-after-not-shorter")
                        .table(Shape.PLAIN, 10)
                        .alter(RETYPE_V)
                        .flags("--cutover-timeout", "1m", "--kill-blockers-after", "1m")
                        .expect(Expect.fails(2, "--kill-blockers-after must be shorter than --cutover-timeout")),

                // the swap waits for the shadow's lock before it holds any writer, instead of failing on a lock
                // timeout in the middle of the swap; afterwards autovacuum is back on the new table (off only while
                // it was filled) and it has planner statistics from before the swap
                Scenario.named("shadow-reader-delays-swap")
                        .table(Shape.PLAIN, 40_000)
                        .alter(PerDb.pgOnly("ALTER COLUMN v TYPE bigint"))
                        .flags("--strategy", "shadow", "--max-rows-per-second", "8000", "--chunk-target-ms", "50")
                        .during(Interferences.readerOnTheShadow())
                        .expect(Expect.shadowDone().and(
                                errContains("was busy"),
                                rows("SELECT coalesce(array_to_string(reloptions, ','), '') FROM pg_class WHERE relname = '{t}'", ""),
                                number("SELECT (count(*) > 0)::int FROM pg_stats WHERE tablename = '{t}'", 1))));
    }
}
