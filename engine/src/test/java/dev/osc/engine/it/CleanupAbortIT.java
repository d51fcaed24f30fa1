package dev.osc.engine.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.osc.engine.scenario.Db;
import dev.osc.engine.scenario.Leaks;
import dev.osc.engine.scenario.PerDb;
import dev.osc.engine.scenario.Shape;
import dev.osc.engine.scenario.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@code osc cleanup} and {@code osc abort} on real servers: a run killed with SIGKILL mid-copy
 * (a child JVM, {@link Process#destroyForcibly}) leaves its slot, publication and helper tables;
 * cleanup lists (dry run) and removes them, abort does it for one table, a live run's objects are
 * left alone by cleanup (exit 3) and abort stops it; old tables are listed with age and size and
 * dropped only on request. Every test ends with the leak check.
 */
class CleanupAbortIT {
    private static final PerDb<String> RETYPE = PerDb.of("ALTER COLUMN v TYPE bigint", "MODIFY v BIGINT");
    private static final PerDb<String> ANOTHER = PerDb.of("ADD COLUMN w int", "ADD COLUMN w INT");

    private static String helper(Db db, String table, String kind) {
        return KilledRuns.helper(db, table, kind);
    }

    @ParameterizedTest
    @EnumSource(Db.class)
    void cleanupListsThenRemovesWhatAKilledRunLeft(Db on) throws Exception {
        TestDatabase db = TestDatabase.of(on);
        String t = "ca_killed_" + on.name().toLowerCase();
        create(db, t, 40_000);
        String before = db.fingerprint(t);
        killMidCopy(db, t);
        List<String> left = db.leftovers();
        assertThat(left).contains("table " + helper(on, t, "new"), "table " + helper(on, t, "fence"), "table " + helper(on, t, "state"));
        if (on == Db.POSTGRES) {
            assertThat(left).anyMatch(l -> l.startsWith("slot osc_")).anyMatch(l -> l.startsWith("publication osc_"));
        }

        Osc dry = Osc.run("cleanup", "--url", db.url(), "--dry-run");
        assertThat(dry.exit()).as(dry.toString()).isZero();
        assertThat(dry.out()).contains("would remove shadow table", helper(on, t, "new"), helper(on, t, "fence"), helper(on, t, "state"));
        if (on == Db.POSTGRES) {
            assertThat(dry.out()).contains("would remove replication slot osc_", "would remove publication osc_");
        }
        assertThat(db.leftovers()).as("a dry run removes nothing").containsAll(left);

        Osc json = Osc.run("cleanup", "--url", db.url(), "--dry-run", "--json");
        assertThat(json.exit()).as(json.toString()).isZero();
        assertThat(json.field("status")).isEqualTo("dry-run");
        assertThat(json.out()).contains("\"wouldRemove\":[", helper(on, t, "state"));

        Osc cleanup = Osc.run("cleanup", "--url", db.url());
        assertThat(cleanup.exit()).as(cleanup.toString()).isZero();
        assertThat(cleanup.out()).contains("removed shadow table", "removed state table").doesNotContain("Exception");
        Leaks.assertNone(db);
        assertThat(db.fingerprint(t)).as("the source is as it was").isEqualTo(before);

        Osc again = Osc.run("cleanup", "--url", db.url());
        assertThat(again.exit()).isZero();
        assertThat(again.out()).doesNotContain("removed shadow table");
        db.dropTables(t);
    }

    @ParameterizedTest
    @EnumSource(Db.class)
    void abortRemovesWhatAKilledRunOnOneTableLeft(Db on) throws Exception {
        TestDatabase db = TestDatabase.of(on);
        String t = "ca_abort_" + on.name().toLowerCase();
        String other = "ca_other_" + on.name().toLowerCase();
        create(db, t, 40_000);
        db.dropTables(other, "_" + other + "_osc_state");
        db.exec("CREATE TABLE " + db.quote(other) + " (id int PRIMARY KEY)", "CREATE TABLE " + db.quote("_" + other + "_osc_state")
                + " (run_id varchar(64) PRIMARY KEY)");
        String before = db.fingerprint(t);
        killMidCopy(db, t);

        // another ALTER is refused, naming the command that removes the leftovers (never a password); the same one resumes (ResumeIT)
        Osc rerun = Osc.alterOn(db.url(), t, ANOTHER.on(on), "--strategy", "shadow");
        assertThat(rerun.exit()).as(rerun.toString()).isEqualTo(3);
        assertThat(rerun.err()).contains("did not finish", helper(on, t, "state"), "osc abort --url ", "--table ")
                .doesNotContain("password=").doesNotContain("Exception");

        Osc abort = Osc.run("abort", "--url", db.url(), "--table", t);
        assertThat(abort.exit()).as(abort.toString()).isZero();
        assertThat(abort.out()).contains("aborted the run on", helper(on, t, "new"), helper(on, t, "fence"), helper(on, t, "state"),
                "the source is unchanged");
        if (on == Db.POSTGRES) {
            assertThat(abort.out()).contains("replication slot osc_", "publication osc_");
        }
        assertThat(abort.out().strip().lines()).hasSize(1);
        assertThat(db.fingerprint(t)).isEqualTo(before);
        assertThat(db.tableExists("_" + other + "_osc_state")).as("another table's leftovers stay").isTrue();
        db.dropTables(other, "_" + other + "_osc_state");
        Leaks.assertNone(db);

        Osc nothing = Osc.run("abort", "--url", db.url(), "--table", t, "--json");
        assertThat(nothing.exit()).as(nothing.toString()).isZero();
        assertThat(nothing.field("status")).isEqualTo("nothing-to-abort");
        assertThat(Osc.run("abort", "--url", db.url(), "--table", t).out()).contains("nothing to abort");
        db.dropTables(t);
    }

    @ParameterizedTest
    @EnumSource(Db.class)
    void aLiveRunIsLeftByCleanupAndStoppedByAbort(Db on) throws Exception {
        String t = "ca_live_" + on.name().toLowerCase();
        duringALiveRun(on, t, (db, osc, before) -> {
            Osc cleanup = Osc.run("cleanup", "--url", db.url(), "--json");
            assertThat(cleanup.exit()).as(cleanup.toString()).isEqualTo(3);
            assertThat(cleanup.field("status")).isEqualTo("refused");
            assertThat(cleanup.out()).contains("a live run holds the run lock of", helper(on, t, "state"));
            assertThat(db.tableExists(helper(on, t, "new"))).as("the live run's shadow stays").isTrue();
            assertThat(osc.isAlive()).as("the run goes on").isTrue();
            assertThat(db.strings("SELECT phase FROM " + db.quote(helper(on, t, "state")))).containsExactly("copy");

            Osc abort = Osc.run("abort", "--url", db.url(), "--table", t);
            assertThat(abort.exit()).as(abort.toString()).isZero();
            assertThat(abort.out()).contains("stopped the live run", "the source is unchanged");
            assertThat(osc.waitFor(60, TimeUnit.SECONDS)).as("the run ends once aborted").isTrue();
            assertThat(osc.exitValue()).isNotZero();
            assertThat(db.fingerprint(t)).isEqualTo(before);
            Leaks.assertNone(db);
        });
    }

    /**
     * A live run asked to abort through its endpoint stops at its next safe point, which a long
     * statement (an index build) may hold off: here the asking reaches no one, as if the run were in
     * such a statement, so after a few seconds abort ends its sessions instead of waiting 30 s.
     */
    @ParameterizedTest
    @EnumSource(Db.class)
    void aLiveRunThatDoesNotStopWhenAskedHasItsSessionsEnded(Db on) throws Exception {
        String t = "ca_stuck_" + on.name().toLowerCase();
        duringALiveRun(on, t, (db, osc, before) -> {
            dev.osc.engine.run.LeftoverSweep.Outcome outcome = new dev.osc.engine.run.LeftoverSweep(
                    dev.osc.engine.run.Engines.leftovers(db.url(), null, null), java.time.Clock.systemUTC(), dev.osc.throttling.Sleeper.SYSTEM)
                    .abort(t, (c, table) -> true);
            assertThat(outcome.exit()).isEqualTo(dev.osc.engine.run.ExitStatus.OK);
            assertThat(String.join("\n", outcome.lines())).contains("it did not stop within 5 s", "ended its", "the source is unchanged");
            assertThat(osc.waitFor(60, TimeUnit.SECONDS)).as("the run ends once its sessions are gone").isTrue();
            assertThat(osc.exitValue()).isNotZero();
            assertThat(db.fingerprint(t)).isEqualTo(before);
            Leaks.assertNone(db);
        });
    }

    /** What a test does against a live run: the server, the run's process, the table's fingerprint before the run. */
    @FunctionalInterface
    private interface LiveRunTest {
        void run(TestDatabase db, Process osc, String before) throws Exception;
    }

    /** {@code test} while a run of the retype copies a fresh table {@code t}; then the run is killed and what it made dropped. */
    private static void duringALiveRun(Db on, String t, LiveRunTest test) throws Exception {
        TestDatabase db = TestDatabase.of(on);
        create(db, t, 60_000);
        String before = db.fingerprint(t);
        Path err = Files.createTempFile("osc-" + t, ".err");
        Process osc = KilledRuns.start(db, t, RETYPE.on(on), err);
        try {
            KilledRuns.awaitCopy(db, t, osc, err, () -> true);
            test.run(db, osc, before);
        } finally {
            osc.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            Files.deleteIfExists(err);
            db.dropTables(t, helper(on, t, "new"), helper(on, t, "fence"), helper(on, t, "state"));
        }
    }

    @ParameterizedTest
    @EnumSource(Db.class)
    void oldTablesAreListedWithAgeAndSizeAndDroppedOnlyWhenOldEnough(Db on) throws Exception {
        TestDatabase db = TestDatabase.of(on);
        String t = "ca_old_" + on.name().toLowerCase();
        String old = "_" + t + "_osc_old";
        db.dropTables(t, old);
        create(db, t, 2_000);
        // the source's own creation lies clearly before the swap: an age taken from it would be seen
        Instant created = serverNow(db);
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(200)).until(() -> serverNow(db).isAfter(created.plusSeconds(2)));
        Instant start = serverNow(db);
        Osc alter = Osc.alterOn(db.url(), t, RETYPE.on(on), "--strategy", "shadow");
        assertThat(alter.exit()).as(alter.toString()).isZero();
        assertThat(db.tableExists(old)).isTrue();

        Osc list = Osc.run("cleanup", "--url", db.url(), "--json");
        assertThat(list.exit()).as(list.toString()).isZero();
        assertThat(list.out()).contains("\"name\":\"" + db.strings(on == Db.POSTGRES ? "SELECT current_schema()" : "SELECT DATABASE()").get(0)
                + "." + old + "\"").contains("\"dropped\":false");
        Instant keptAt = Instant.parse(list.field("keptAt"));
        assertThat(keptAt).as("the old table's age counts from its swap").isAfterOrEqualTo(start.minusSeconds(1));
        assertThat(Long.parseLong(list.field("ageSeconds"))).isBetween(0L, 600L);
        assertThat(Long.parseLong(list.field("bytes"))).isPositive();
        Osc human = Osc.run("cleanup", "--url", db.url());
        assertThat(human.out()).contains("kept old table", old, " old, ", "drop it with --drop-old-tables-older-than");

        assertThat(Osc.run("cleanup", "--url", db.url(), "--drop-old-tables-older-than", "1d").exit()).isZero();
        assertThat(db.tableExists(old)).as("younger than a day: kept").isTrue();
        assertThat(Osc.run("cleanup", "--url", db.url(), "--dry-run", "--drop-old-tables-older-than", "0s").out())
                .contains("would remove old table");
        assertThat(db.tableExists(old)).as("a dry run drops nothing").isTrue();
        Osc drop = Osc.run("cleanup", "--url", db.url(), "--drop-old-tables-older-than", "0s");
        assertThat(drop.exit()).as(drop.toString()).isZero();
        assertThat(drop.out()).contains("removed old table", old);
        assertThat(db.tableExists(old)).isFalse();
        assertThat(db.tableExists(t)).as("the table itself stays").isTrue();

        Osc bad = Osc.run("cleanup", "--url", db.url(), "--drop-old-tables-older-than", "5x");
        assertThat(bad.exit()).isEqualTo(2);
        assertThat(bad.err()).contains("not a duration").doesNotContain("Exception");
        Leaks.assertNone(db);
        db.dropTables(t);
    }

    /** A user's tables that merely carry helper names (no osc state names their run) are listed, never dropped. */
    @ParameterizedTest
    @EnumSource(Db.class)
    void tablesMerelyNamedLikeHelpersAreNeverDropped(Db on) throws Exception {
        TestDatabase db = TestDatabase.of(on);
        String t = "ca_lookalike_" + on.name().toLowerCase();
        create(db, t, 100);
        String shadow = helper(on, t, "new");
        String state = helper(on, t, "state");
        String old = helper(on, t, "old");
        db.exec("CREATE TABLE " + db.quote(shadow) + " (id int PRIMARY KEY)", "CREATE TABLE " + db.quote(state) + " (note text)",
                "CREATE TABLE " + db.quote(old) + " (id int PRIMARY KEY)");
        try {
            Osc cleanup = Osc.run("cleanup", "--url", db.url());
            assertThat(cleanup.exit()).as(cleanup.toString()).isZero();
            assertThat(cleanup.out()).as(cleanup.toString()).contains("kept shadow table", "no osc state table names its run")
                    .doesNotContain("removed shadow table " + qualified(db, shadow), "removed state table " + qualified(db, state));
            // by age, as a dry run: other tests' old tables are not this test's to drop
            Osc byAge = Osc.run("cleanup", "--url", db.url(), "--dry-run", "--drop-old-tables-older-than", "0s");
            assertThat(byAge.exit()).as(byAge.toString()).isZero();
            assertThat(byAge.out()).as(byAge.toString()).contains("kept old table " + qualified(db, old))
                    .doesNotContain("would remove old table " + qualified(db, old));
            Osc abort = Osc.run("abort", "--url", db.url(), "--table", t);
            assertThat(abort.exit()).as(abort.toString()).isZero();
            assertThat(abort.out()).contains("nothing to abort");
            assertThat(db.tableExists(shadow)).as("a user's table named like a shadow").isTrue();
            assertThat(db.tableExists(state)).as("a user's table named like a state table").isTrue();
            assertThat(db.tableExists(old)).as("a user's table named like an old table, never marked by osc").isTrue();
        } finally {
            db.dropTables(shadow, state, old, t);
        }
    }

    /** {@code schema.name} as the commands print a table. */
    private static String qualified(TestDatabase db, String name) throws Exception {
        return db.strings(db.db() == Db.POSTGRES ? "SELECT current_schema()" : "SELECT DATABASE()").get(0) + "." + name;
    }

    private static void create(TestDatabase db, String t, long rows) throws Exception {
        Db on = db.db();
        db.dropTables(t, helper(on, t, "new"), helper(on, t, "fence"), helper(on, t, "state"), helper(on, t, "old"));
        db.exec(Shape.PLAIN.create(on, t, rows).toArray(new String[0]));
    }

    private static Instant serverNow(TestDatabase db) throws Exception {
        return Instant.ofEpochMilli(db.number(db.db() == Db.POSTGRES ? "SELECT (extract(epoch FROM clock_timestamp()) * 1000)::bigint"
                : "SELECT CAST(UNIX_TIMESTAMP(NOW(3)) * 1000 AS SIGNED)"));
    }

    private static void killMidCopy(TestDatabase db, String t) throws Exception {
        KilledRuns.killMidCopy(db, t, RETYPE.on(db.db()));
    }
}
