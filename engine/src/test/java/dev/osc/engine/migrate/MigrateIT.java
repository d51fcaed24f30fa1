package dev.osc.engine.migrate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.osc.engine.it.Osc;
import dev.osc.engine.scenario.Db;
import dev.osc.engine.scenario.Leaks;
import dev.osc.engine.scenario.TestDatabase;
import dev.osc.engine.scenario.WriterLoad;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** {@code osc migrate} on both databases, through the real command line. */
class MigrateIT {
    @TempDir
    Path dir;

    private MigrationFixture on(Db which) throws Exception {
        MigrationFixture f = new MigrationFixture(TestDatabase.of(which), dir);
        f.clean();
        return f;
    }

    @ParameterizedTest
    @EnumSource(Db.class)
    void appliesInNumericOrderThenHasNothingToDo(Db which) throws Exception {
        MigrationFixture f = on(which);
        try {
            f.file("V1__create.sql", "CREATE TABLE mg_a (id bigint PRIMARY KEY, note varchar(100));")
                    .file("V10__ten.sql", "ALTER TABLE mg_a ADD COLUMN v10 int;")
                    .file("V2__two.sql", "ALTER TABLE mg_a ADD COLUMN v2 int;");
            f.file("V1.1__quotes.sql", f.postgres() ? """
                    CREATE TABLE mg_b (id bigint PRIMARY KEY, note text DEFAULT 'a;b');
                    -- a comment; with a semicolon
                    CREATE FUNCTION mg_f() RETURNS text AS $body$ SELECT 'x;y'::text; $body$ LANGUAGE sql;
                    /* a block; comment */ COMMENT ON TABLE mg_b IS 'it''s; fine';
                    COMMENT ON COLUMN mg_b.note IS 'C:\\';
                    """ : """
                    CREATE TABLE `mg_b` (id BIGINT PRIMARY KEY, note VARCHAR(20) DEFAULT 'a;b' COMMENT 'it''s; fine');
                    -- a comment; with a semicolon
                    /* a block; comment */ CREATE INDEX `mg_b;note` ON `mg_b` (note);
                    """);

            Osc first = f.migrate("--execute");
            assertThat(first.exit()).as(first.toString()).isZero();
            assertThat(first.field("status")).isEqualTo("done");
            List<String> expected = new ArrayList<>(List.of("migrate 1#1 direct ok", "migrate 1.1#1 direct ok", "migrate 1.1#2 direct ok"));
            if (f.postgres()) {
                expected.addAll(List.of("migrate 1.1#3 direct ok", "migrate 1.1#4 direct ok"));
            }
            expected.addAll(List.of("migrate 2#1 direct ok", "migrate 10#1 direct ok"));
            assertThat(f.history()).containsExactlyElementsOf(expected);
            assertThat(f.db.columnType("mg_b", "note")).isNotNull();
            if (f.postgres()) {
                assertThat(f.db.strings("SELECT mg_f()")).containsExactly("x;y");
                assertThat(f.db.strings("SELECT obj_description('mg_b'::regclass)")).containsExactly("it's; fine");
                assertThat(f.db.strings("SELECT col_description('mg_b'::regclass, 2)")).containsExactly("C:\\");
            } else {
                assertThat(f.db.strings("SELECT column_comment FROM information_schema.columns WHERE table_schema = DATABASE() "
                        + "AND table_name = 'mg_b' AND column_name = 'note'")).containsExactly("it's; fine");
            }
            assertThat(f.db.strings("SELECT column_name FROM information_schema.columns WHERE table_name = 'mg_a' "
                    + "AND column_name LIKE 'v%' ORDER BY ordinal_position")).containsExactly("v2", "v10");

            Osc again = f.migrate("--execute");
            assertThat(again.exit()).as(again.toString()).isZero();
            assertThat(again.field("status")).isEqualTo("up-to-date");
            assertThat(again.err()).contains("osc: migrate: up to date");
            assertThat(f.history()).hasSize(expected.size());
            Leaks.assertNone(f.db);
        } finally {
            f.clean();
        }
    }

    @ParameterizedTest
    @EnumSource(Db.class)
    void aHalfAppliedFileResumesAtTheStatementThatFailed(Db which) throws Exception {
        MigrationFixture f = on(which);
        try {
            f.db.exec("CREATE TABLE mg_block (id int PRIMARY KEY)");
            f.file("V1__three.sql", "CREATE TABLE mg_c (id int PRIMARY KEY);\nCREATE TABLE mg_block (id int PRIMARY KEY);\n"
                    + "ALTER TABLE mg_c ADD COLUMN w int;\n");
            Osc failed = f.migrate("--execute");
            assertThat(failed.exit()).as(failed.toString()).isEqualTo(1);
            assertThat(failed.field("status")).isEqualTo("failed");
            assertThat(failed.err()).contains("osc: failed: V1 (three) statement 2 of 3, line 2").doesNotContain("\tat ");
            assertThat(failed.err().lines().filter(l -> l.startsWith("osc: failed")).count()).isEqualTo(1);
            assertThat(f.history()).containsExactly("migrate 1#1 direct ok", "migrate 1#2 direct failed");

            f.db.exec("DROP TABLE mg_block");
            Osc resumed = f.migrate("--execute");
            assertThat(resumed.exit()).as(resumed.toString()).isZero();
            assertThat(resumed.field("applied")).isEqualTo("2");
            assertThat(f.history()).containsExactly("migrate 1#1 direct ok", "migrate 1#2 direct failed", "migrate 1#2 direct ok",
                    "migrate 1#3 direct ok");
            assertThat(f.db.columnType("mg_c", "w")).isNotNull();
        } finally {
            f.clean();
        }
    }

    @ParameterizedTest
    @EnumSource(Db.class)
    void anAlterOfATableAnEarlierPendingStatementChangesIsPlannedWhenItRuns(Db which) throws Exception {
        MigrationFixture f = on(which);
        try {
            f.createTableWithRows("mg_a");
            f.file("V1__add.sql", "ALTER TABLE mg_a ADD COLUMN x int DEFAULT 0;")
                    .file("V2__not_null.sql", "ALTER TABLE mg_a " + (f.postgres() ? "ALTER COLUMN x SET NOT NULL" : "MODIFY x INT NOT NULL") + ";");
            Osc dry = f.migrate();
            assertThat(dry.exit()).as(dry.toString()).isZero();
            assertThat(MigrationFixture.each(dry.out(), "version", "verdict")).containsExactly("online", "deferred");
            Osc run = f.migrate("--execute");
            assertThat(run.exit()).as(run.toString()).isZero();
            assertThat(f.history()).containsExactly("migrate 1#1 direct ok", "migrate 2#1 direct ok");
        } finally {
            f.clean();
        }
    }

    @ParameterizedTest
    @EnumSource(Db.class)
    void driftIsRefusedUntilRepairedAndAFileGoneFromTheDirectoryIsReported(Db which) throws Exception {
        MigrationFixture f = on(which);
        try {
            f.file("V1__create.sql", "CREATE TABLE mg_a (id int PRIMARY KEY);");
            assertThat(f.migrate("--execute").exit()).isZero();
            f.file("V1__create.sql", "-- edited after it was applied\nCREATE TABLE mg_a (id int PRIMARY KEY);");
            Osc drift = f.migrate("--execute");
            assertThat(drift.exit()).as(drift.toString()).isEqualTo(3);
            assertThat(drift.err()).contains("osc: refused: drift: V1 (create) changed since applied", "--repair");
            assertThat(f.migrate().exit()).as("the dry run refuses drift too").isEqualTo(3);

            Osc repaired = f.migrate("--execute", "--repair");
            assertThat(repaired.exit()).as(repaired.toString()).isZero();
            assertThat(f.migrate("--execute").field("status")).isEqualTo("up-to-date");
            assertThat(f.history()).containsExactly("migrate 1#1 direct ok");

            f.remove("V1__create.sql");
            f.file("V2__more.sql", "ALTER TABLE mg_a ADD COLUMN x int;");
            Osc missing = f.migrate("--execute");
            assertThat(missing.exit()).as(missing.toString()).isZero();
            assertThat(missing.err()).contains("osc: warning: V1 (V1__create.sql) is in osc_schema_history but not in the directory");
            assertThat(missing.out()).contains("\"missing\":[\"V1 (V1__create.sql)\"]");
        } finally {
            f.clean();
        }
    }

    @ParameterizedTest
    @EnumSource(Db.class)
    void tenRunnersAtOnceApplyEachStatementOnceAndNoWaitRefusesWhileTheLockIsHeld(Db which) throws Exception {
        MigrationFixture f = on(which);
        ExecutorService pool = Executors.newFixedThreadPool(10);
        try {
            f.file("V1__slow.sql", "CREATE TABLE mg_a (id int PRIMARY KEY);\n" + f.sleepStatement() + ";\nALTER TABLE mg_a ADD COLUMN x int;");
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Osc>> runs = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                runs.add(pool.submit(() -> {
                    start.await();
                    return f.migrate("--execute", "--allow-other-statements");
                }));
            }
            start.countDown();
            List<String> statuses = new ArrayList<>();
            for (Future<Osc> run : runs) {
                Osc r = run.get();
                assertThat(r.exit()).as(r.toString()).isZero();
                statuses.add(r.field("status"));
            }
            assertThat(statuses).filteredOn("done"::equals).hasSize(1);
            assertThat(statuses).filteredOn("up-to-date"::equals).hasSize(9);
            assertThat(f.history()).containsExactly("migrate 1#1 direct ok", "migrate 1#2 direct ok", "migrate 1#3 direct ok");

            f.file("V2__next.sql", "ALTER TABLE mg_a ADD COLUMN y int;");
            try (Connection holder = f.db.connect(); Statement st = holder.createStatement()) {
                try (ResultSet rs = st.executeQuery(f.lockSql())) {
                    rs.next();
                }
                long t0 = System.nanoTime();
                Osc refused = f.migrate("--execute", "--no-wait");
                assertThat(refused.exit()).as(refused.toString()).isEqualTo(3);
                assertThat(refused.err()).contains("osc: refused: another osc migrate holds this database's migrate lock");
                assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(5));
                Osc timedOut = f.migrate("--execute", "--lock-wait", "1s");
                assertThat(timedOut.exit()).as(timedOut.toString()).isEqualTo(3);
                assertThat(timedOut.err()).contains("waiting for another osc migrate", "after waiting 1000 ms");
            }
            assertThat(f.db.columnType("mg_a", "y")).as("nothing ran while the lock was held").isNull();
            assertThat(f.migrate("--execute", "--no-wait").exit()).isZero();
            assertThat(f.db.columnType("mg_a", "y")).isNotNull();
            Leaks.assertNone(f.db);
        } finally {
            pool.shutdownNow();
            f.clean();
        }
    }

    @ParameterizedTest
    @EnumSource(Db.class)
    void oneRefusedStatementRefusesTheWholePendingSetBeforeAnythingRuns(Db which) throws Exception {
        MigrationFixture f = on(which);
        try {
            f.createTableWithRows("mg_a");
            String before = f.db.databaseFingerprint();
            f.file("V1__new.sql", "CREATE TABLE mg_new (id int PRIMARY KEY);");
            f.file("V2__drop.sql", "ALTER TABLE mg_a DROP COLUMN note;");
            Osc dropColumn = f.migrate("--execute");
            assertThat(dropColumn.exit()).as(dropColumn.toString()).isEqualTo(3);
            assertThat(dropColumn.err()).contains("osc: refused: V2__drop.sql statement 1 (line 1): ", "drops column note",
                    "no statement was run");

            f.file("V2__drop.sql", "DROP TABLE mg_a;");
            Osc dropTable = f.migrate("--execute");
            assertThat(dropTable.exit()).as(dropTable.toString()).isEqualTo(3);
            assertThat(dropTable.err()).contains("DROP TABLE removes its data", "osc:allow-destructive");

            f.file("V2__drop.sql", "UPDATE mg_a SET note = 'x';");
            Osc dml = f.migrate("--execute");
            assertThat(dml.exit()).as(dml.toString()).isEqualTo(3);
            assertThat(dml.err()).contains("not DDL");

            f.file("V2__drop.sql", "-- osc: kill-blockers-after=5s\nALTER TABLE mg_a ADD COLUMN x int;");
            Osc unknown = f.migrate("--execute");
            assertThat(unknown.exit()).as(unknown.toString()).isEqualTo(2);
            assertThat(unknown.err()).contains("unknown directive osc:kill-blockers-after=5s");

            assertThat(f.db.tableExists("mg_new")).isFalse();
            assertThat(f.db.tableExists(HistoryTable.NAME)).isFalse();
            assertThat(f.db.databaseFingerprint()).as("nothing changed").isEqualTo(before);

            f.file("V2__drop.sql", "-- osc:allow-destructive\nDROP TABLE mg_a;");
            Osc allowed = f.migrate("--execute");
            assertThat(allowed.exit()).as(allowed.toString()).isZero();
            assertThat(f.db.tableExists("mg_a")).isFalse();
            assertThat(f.db.tableExists("mg_new")).isTrue();
        } finally {
            f.clean();
        }
    }

    @ParameterizedTest
    @EnumSource(Db.class)
    void theDryRunChangesNothingAndJudgesEveryAlterAsCheckDoes(Db which) throws Exception {
        MigrationFixture f = on(which);
        try {
            f.createTableWithRows("mg_a");
            String v1 = "ALTER TABLE mg_a ADD COLUMN extra int;\nALTER TABLE mg_a " + f.retype() + ";\n"
                    + "ALTER TABLE mg_a DROP COLUMN note;\n-- osc:allow-destructive\nALTER TABLE mg_a DROP COLUMN note;\n";
            f.file("V1__change.sql", v1);
            String before = f.db.databaseFingerprint();
            Osc dry = f.migrate("--password-env", "MG_NO_SUCH_VARIABLE_IS_SET");
            assertThat(dry.exit()).as("an unset --password-env is bad input").isEqualTo(2);

            dry = f.migrate();
            assertThat(dry.exit()).as(dry.toString()).isEqualTo(3);
            Osc check = Osc.run("check", "--url", f.db.url(), "--json", dir.resolve("V1__change.sql").toString());
            assertThat(check.exit()).isEqualTo(3);
            assertThat(MigrationFixture.each(dry.out(), "version", "verdict"))
                    .containsExactlyElementsOf(MigrationFixture.each(check.out(), "file", "verdict"))
                    .containsExactly("online", "online", "refused", "online");
            assertThat(MigrationFixture.each(dry.out(), "version", "strategy"))
                    .containsExactlyElementsOf(MigrationFixture.each(check.out(), "file", "strategy"));

            f.file("V1__change.sql", v1.replace("ALTER TABLE mg_a DROP COLUMN note;\n-- osc", "-- osc"));
            f.file("V2__later.sql", "CREATE TABLE mg_d (id int PRIMARY KEY);\nALTER TABLE mg_d ADD COLUMN z int;\nCREATE INDEX mg_d_z ON mg_d (z);");
            Osc secret = Osc.run("migrate", "--url", f.db.url() + "&password=hunter2", "--dir", dir.toString(), "--json");
            assertThat(secret.out() + secret.err()).as("%s", secret).doesNotContain("hunter2").doesNotContain("\tat ");
            Osc human = Osc.run("migrate", "--url", f.db.url(), "--dir", dir.toString());
            assertThat(human.exit()).as(human.toString()).isZero();
            assertThat(human.out()).contains("V1__change.sql:1: online mg_a (direct)", "V2__later.sql:2: deferred mg_d",
                    "V2__later.sql:1: online (direct)");
            assertThat(human.err()).contains("osc: migrate: dry run: 6 statements pending; add --execute");
            assertThat(f.db.databaseFingerprint()).as("the dry run changed nothing").isEqualTo(before);
            assertThat(f.db.tableExists(HistoryTable.NAME)).isFalse();
            Leaks.assertNone(f.db);
        } finally {
            f.clean();
        }
    }

    @ParameterizedTest
    @EnumSource(Db.class)
    void anIndexOnATableWithRowsIsBuiltWithoutBlockingWriters(Db which) throws Exception {
        MigrationFixture f = on(which);
        try {
            f.createTableWithRows("mg_a");
            f.file("V1__index.sql", "CREATE INDEX mg_a_note ON mg_a (note);\nCREATE TABLE mg_b (id int PRIMARY KEY, n int);\n"
                    + "CREATE INDEX mg_b_n ON mg_b (n);");
            Osc r = f.migrate("--execute");
            assertThat(r.exit()).as(r.toString()).isZero();
            assertThat(f.history()).containsExactly("migrate 1#1 " + (f.postgres() ? "concurrently" : "direct") + " ok",
                    "migrate 1#2 direct ok", "migrate 1#3 direct ok");
            if (f.postgres()) {
                assertThat(f.db.strings("SELECT indisvalid::text FROM pg_index WHERE indexrelid = 'mg_a_note'::regclass"))
                        .containsExactly("true");
                f.file("V2__drop_index.sql", "DROP INDEX CONCURRENTLY mg_a_note;");
                Osc outside = f.migrate("--execute");
                assertThat(outside.exit()).as("a statement that cannot run in a transaction runs outside one: %s", outside).isZero();
                assertThat(f.db.strings("SELECT to_regclass('mg_a_note')::text")).containsOnlyNulls();
            }
        } finally {
            f.clean();
        }
    }

    @ParameterizedTest
    @EnumSource(Db.class)
    void aBaselineAdoptsADatabaseAndUndoRevertsTheLatestVersion(Db which) throws Exception {
        MigrationFixture f = on(which);
        try {
            f.db.exec("CREATE TABLE mg_a (id int PRIMARY KEY)");
            f.file("V1__create.sql", "CREATE TABLE mg_a (id int PRIMARY KEY);")
                    .file("V2__add.sql", "ALTER TABLE mg_a ADD COLUMN b int;")
                    .file("U2__add.sql", "-- osc:allow-destructive\nALTER TABLE mg_a DROP COLUMN b;");
            Osc adopted = f.migrate("--execute", "--baseline", "1");
            assertThat(adopted.exit()).as(adopted.toString()).isZero();
            assertThat(f.history()).containsExactly("baseline 1#0 baseline ok", "migrate 2#1 direct ok");
            assertThat(f.migrate("--execute", "--baseline", "1").exit()).as("a second baseline").isEqualTo(3);

            Osc undone = f.migrate("--execute", "--undo", "2");
            assertThat(undone.exit()).as(undone.toString()).isZero();
            assertThat(f.db.columnType("mg_a", "b")).isNull();
            assertThat(f.history()).endsWith("undo 2#1 direct ok", "undone 2#0 undo ok");

            Osc again = f.migrate("--execute");
            assertThat(again.exit()).as(again.toString()).isZero();
            assertThat(f.db.columnType("mg_a", "b")).isNotNull();
        } finally {
            f.clean();
        }
    }

    @ParameterizedTest
    @EnumSource(Db.class)
    void aLargeTableAlterInAFileGoesThroughTheShadowPathUnderWrites(Db which) throws Exception {
        MigrationFixture f = on(which);
        try {
            f.db.createDemo("mg_demo", 3_000);
            f.file("V1__shadow.sql", "-- osc: strategy=shadow max-rows-per-second=20000\nALTER TABLE mg_demo ADD COLUMN extra int;");
            Osc r;
            try (WriterLoad load = f.db.startLoad("mg_demo", 3_000, 2, 100)) {
                await().atMost(Duration.ofSeconds(30)).until(() -> load.transactions() > 20);
                r = f.migrate("--execute");
                long after = load.transactions();
                await().atMost(Duration.ofSeconds(30)).until(() -> load.transactions() > after + 20);
                load.close();
                assertThat(load.errors()).isEmpty();
                assertThat(load.differences()).as("%s", load.sampleDifferences()).isZero();
            }
            assertThat(r.exit()).as(r.toString()).isZero();
            assertThat(MigrationFixture.each(r.out(), "version", "strategy")).containsExactly("shadow");
            assertThat(f.history()).containsExactly("migrate 1#1 shadow ok");
            assertThat(f.db.columnType("mg_demo", "extra")).isNotNull();
            Leaks.assertNone(f.db);
        } finally {
            f.clean();
        }
    }

    @ParameterizedTest
    @EnumSource(Db.class)
    void aStatementRefusedWhenItRunsIsRecordedLeavesItsTableAloneAndStopsTheRun(Db which) throws Exception {
        MigrationFixture f = on(which);
        try {
            f.createTableWithRows("mg_a");
            f.file("V1__check.sql", "INSERT INTO mg_a (id, v, note) VALUES (9, 9, 'z');\n"
                    + "-- osc: strategy=shadow\nALTER TABLE mg_a ADD CONSTRAINT mg_a_small CHECK (v < 5);\n"
                    + "CREATE TABLE mg_new (id int PRIMARY KEY);");
            Osc dry = f.migrate("--allow-other-statements");
            assertThat(MigrationFixture.each(dry.out(), "version", "verdict")).as("judged on the rows as they are before the INSERT")
                    .containsExactly("online", "online", "online");
            Osc r = f.migrate("--execute", "--allow-other-statements");
            assertThat(r.exit()).as(r.toString()).isEqualTo(3);
            assertThat(r.field("status")).isEqualTo("refused");
            assertThat(r.err()).contains("osc: refused: V1 (check) statement 2 of 3, line 3: the data would violate the change")
                    .doesNotContain("\tat ");
            assertThat(f.db.number("SELECT COUNT(*) FROM mg_a")).isEqualTo(4);
            assertThat(f.db.number("SELECT COUNT(*) FROM information_schema.table_constraints WHERE constraint_name = 'mg_a_small'"))
                    .as("the table is unchanged").isZero();
            assertThat(f.db.tableExists("mg_new")).as("migrate stopped at the refusal").isFalse();
            assertThat(f.history()).containsExactly("migrate 1#1 direct ok", "migrate 1#2 shadow failed");
            Leaks.assertNone(f.db);
        } finally {
            f.clean();
        }
    }

    @ParameterizedTest
    @EnumSource(Db.class)
    void aDirectiveFeedsTheEnginesOwnChoiceOfTheShadowPath(Db which) throws Exception {
        MigrationFixture f = on(which);
        try {
            f.createTableWithRows("mg_a");
            f.file("V1__retype.sql", "-- osc: direct-threshold-mb=0\nALTER TABLE mg_a " + f.retype() + ";\nALTER TABLE mg_a " + f.retype() + ";");
            Osc dry = f.migrate();
            assertThat(MigrationFixture.each(dry.out(), "version", "strategy")).as("%s", dry).containsExactly("shadow", "direct");
            Osc r = f.migrate("--execute");
            assertThat(r.exit()).as(r.toString()).isZero();
            assertThat(f.history()).containsExactly("migrate 1#1 shadow ok", "migrate 1#2 direct ok");
            assertThat(f.db.columnType("mg_a", "v")).startsWith("bigint");
            assertThat(f.db.number("SELECT COUNT(*) FROM mg_a")).isEqualTo(3);
            Leaks.assertNone(f.db);
        } finally {
            f.clean();
        }
    }

    @ParameterizedTest
    @EnumSource(Db.class)
    void theLibraryGivesTheResultsOfTheCommandLine(Db which) throws Exception {
        MigrationFixture f = on(which);
        try {
            f.file("V1__api.sql", "CREATE TABLE mg_api (id int PRIMARY KEY, v int);");
            MigrationOutcome outcome = dev.osc.engine.api.Osc.migrate(f.db.url(), null, null, dir);
            assertThat(outcome.status()).as(outcome.message()).isEqualTo(dev.osc.engine.run.ExitStatus.OK);
            assertThat(outcome.result().get("status")).isEqualTo("done");
            assertThat(outcome.result().toJson()).contains("\"status\":\"done\"", "\"applied\":1");
            assertThat(f.migrate("--execute").field("status")).as("the command line sees what the library applied").isEqualTo("up-to-date");

            var altered = dev.osc.engine.api.Osc.alter(f.db.url(), null, null, "mg_api", f.postgres() ? "ALTER COLUMN v TYPE bigint"
                    : "MODIFY v BIGINT", dev.osc.engine.api.Osc.AlterOptions.EXECUTE);
            assertThat(altered.get("status")).isEqualTo("done");
            assertThat(f.db.columnType("mg_api", "v")).startsWith("bigint");
        } finally {
            f.clean();
        }
    }
}
