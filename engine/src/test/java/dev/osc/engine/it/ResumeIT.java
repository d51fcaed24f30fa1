package dev.osc.engine.it;

import static dev.osc.engine.it.KilledRuns.helper;
import static org.assertj.core.api.Assertions.assertThat;

import dev.osc.engine.scenario.Db;
import dev.osc.engine.scenario.Leaks;
import dev.osc.engine.scenario.PerDb;
import dev.osc.engine.scenario.Shape;
import dev.osc.engine.scenario.TestDatabase;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Re-running the same {@code osc alter --execute} after the run was SIGKILLed mid-copy carries it
 * on from its checkpoint, on real servers: it says it resumed and from where, copies again none
 * of the rows the killed run committed (the rows-copied count shows it), builds the deferred index,
 * and ends with a table equal to the source, including every change made before, during and after
 * the kill (while nothing ran). When the stream's position is gone (slot dropped, binlog purged)
 * the run says so, removes what the killed run left and copies again from the start.
 */
class ResumeIT {
    private static final PerDb<String> RETYPE = KilledRuns.RETYPE;
    private static final int ROWS = 30_000;
    private static final PerDb<String> ADD = PerDb.of("ADD COLUMN w int DEFAULT 7", "ADD COLUMN w INT DEFAULT 7");
    private static final PerDb<String> ADD_OTHER = PerDb.of("ADD COLUMN v int", "ADD COLUMN v INT");

    @ParameterizedTest
    @EnumSource(Db.class)
    void theSameCommandAfterAKillResumesFromTheCheckpointAndLosesNoChange(Db on) throws Exception {
        TestDatabase db = TestDatabase.of(on);
        String t = "rs_resume_" + on.name().toLowerCase();
        create(db, t);
        String state = db.quote(helper(on, t, "state"));
        // changes while it runs: below and above the watermark, updates, deletes and inserts
        KilledRuns.killMidCopy(db, t, RETYPE.on(on), () -> db.number("SELECT rows_copied FROM " + state) >= 4_000
                && db.strings("SELECT stream_offsets FROM " + state).get(0) != null, () -> writes(db, t, 1));
        long copiedBeforeKill = db.number("SELECT rows_copied FROM " + state);
        if (on == Db.POSTGRES) {
            assertThat(db.number("SELECT count(*) FROM pg_index WHERE indrelid = to_regclass('" + helper(on, t, "new") + "')"))
                    .as("the killed run copied into a bare heap: the key is built after the copy").isZero();
        }
        // and while nothing runs
        writes(db, t, 2);
        String expected = KilledRuns.digest(db, t);
        long rowsNow = db.number("SELECT count(*) FROM " + db.quote(t));

        Osc resumed = Osc.alterOn(db.url(), t, RETYPE.on(on), "--strategy", "shadow");
        assertThat(resumed.exit()).as(resumed.toString()).isZero();
        assertThat(resumed.err()).contains("resuming the shadow copy of", "rows copied, up to key", "change stream from")
                .doesNotContain("Exception");
        assertThat(Long.parseLong(resumed.field("rowsCopied"))).as("rows the killed run committed are not copied again")
                .isLessThan(rowsNow + copiedBeforeKill / 2);
        assertThat(db.columnType(t, "v")).startsWith("bigint");
        assertThat(KilledRuns.digest(db, t)).as("every change is in the new table").isEqualTo(expected);
        assertThat(indexNames(db, t)).as("the deferred index was built").anyMatch(n -> n.endsWith("_note"));
        if (on == Db.POSTGRES) {
            assertThat(db.strings("SELECT conname || ' ' || pg_get_constraintdef(oid) FROM pg_constraint WHERE conrelid = '"
                    + t + "'::regclass AND contype = 'p'")).as("the key is the primary key again, under its name")
                    .containsExactly(t + "_pkey PRIMARY KEY (id)");
        }
        db.dropTables(t, helper(on, t, "old"));
        Leaks.assertNone(db);
    }

    @ParameterizedTest
    @EnumSource(Db.class)
    void whenTheStreamPositionIsGoneTheCopyStartsAgainCleanly(Db on) throws Exception {
        TestDatabase db = TestDatabase.of(on);
        String t = "rs_gone_" + on.name().toLowerCase();
        create(db, t);
        String state = db.quote(helper(on, t, "state"));
        KilledRuns.killMidCopy(db, t, RETYPE.on(on), () -> db.strings("SELECT stream_offsets FROM " + state).get(0) != null, () -> { });
        String runId = db.strings("SELECT run_id FROM " + state).get(0);
        if (on == Db.POSTGRES) {
            db.exec("SELECT pg_drop_replication_slot('osc_" + runId.toLowerCase() + "')");
        } else {
            String last = lastBinlog(db);
            db.exec("FLUSH BINARY LOGS");
            // a log a binlog reader still has open is kept: the killed run's reader goes a moment later
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30)).pollInterval(java.time.Duration.ofMillis(500))
                    .until(() -> {
                        db.exec("PURGE BINARY LOGS TO '" + nextBinlog(last) + "'");
                        return !db.strings("SHOW BINARY LOGS").contains(last);
                    });
        }
        writes(db, t, 3);
        String expected = KilledRuns.digest(db, t);

        Osc again = Osc.alterOn(db.url(), t, RETYPE.on(on), "--strategy", "shadow");
        assertThat(again.exit()).as(again.toString()).isZero();
        assertThat(again.err()).contains("run " + runId + " cannot be resumed: ", "the copy starts again").doesNotContain("Exception");
        assertThat(KilledRuns.digest(db, t)).isEqualTo(expected);
        assertThat(db.columnType(t, "v")).startsWith("bigint");
        db.dropTables(t, helper(on, t, "old"));
        Leaks.assertNone(db);
    }

    /** DDL on the source while no run watched it (an index, a default): the shadow lacks it, so the copy starts again rather than lose it at the swap. */
    @ParameterizedTest
    @EnumSource(Db.class)
    void aSourceAlteredWhileTheRunWasStoppedIsCopiedAgainNotResumed(Db on) throws Exception {
        TestDatabase db = TestDatabase.of(on);
        String t = "rs_ddl_" + on.name().toLowerCase();
        create(db, t);
        String state = db.quote(helper(on, t, "state"));
        KilledRuns.killMidCopy(db, t, RETYPE.on(on), () -> db.strings("SELECT stream_offsets FROM " + state).get(0) != null, () -> { });
        String runId = db.strings("SELECT run_id FROM " + state).get(0);
        db.exec("CREATE INDEX " + db.quote(t + "_added") + " ON " + db.quote(t) + " (v)");
        writes(db, t, 4);
        String expected = KilledRuns.digest(db, t);

        Osc again = Osc.alterOn(db.url(), t, RETYPE.on(on), "--strategy", "shadow");
        assertThat(again.exit()).as(again.toString()).isZero();
        assertThat(again.err()).contains("run " + runId + " cannot be resumed: the source table was altered while the run was stopped (now ",
                t + "_added", "the copy starts again").doesNotContain("Exception");
        assertThat(indexNames(db, t)).as("the index made while osc was down is kept").anyMatch(n -> n.endsWith("_added"));
        assertThat(KilledRuns.digest(db, t)).isEqualTo(expected);
        assertThat(db.columnType(t, "v")).startsWith("bigint");
        db.dropTables(t, helper(on, t, "old"));
        Leaks.assertNone(db);
    }

    @ParameterizedTest
    @EnumSource(Db.class)
    void theSameCommandAfterACompletedRunIsANoOpThatSaysSo(Db on) throws Exception {
        TestDatabase db = TestDatabase.of(on);
        String t = "rs_done_" + on.name().toLowerCase();
        db.dropTables(t, helper(on, t, "old"));
        db.exec(Shape.PLAIN.create(on, t, 2_000).toArray(new String[0]));
        String add = ADD.on(on);
        Osc first = Osc.alterOn(db.url(), t, add, "--strategy", "shadow");
        assertThat(first.exit()).as(first.toString()).isZero();
        String after = db.databaseFingerprint();

        Osc again = Osc.alterOn(db.url(), t, add, "--strategy", "shadow");
        assertThat(again.exit()).as(again.toString()).isZero();
        assertThat(again.err()).contains("already has the shape this ALTER gives", "nothing to do").doesNotContain("Exception");
        assertThat(again.field("alreadyAltered")).isEqualTo("true");
        assertThat(db.databaseFingerprint()).as("nothing changed").isEqualTo(after);

        // a clause the table rejects for another reason is still bad input
        Osc other = Osc.alterOn(db.url(), t, ADD_OTHER.on(on), "--strategy", "shadow");
        assertThat(other.exit()).as(other.toString()).isEqualTo(2);
        db.dropTables(t, helper(on, t, "old"));
        Leaks.assertNone(db);
    }

    /** A run carried on through the library without an endpoint must not leave the killed run's port, where the verbs would look. */
    @ParameterizedTest
    @EnumSource(Db.class)
    void aResumedRunWithoutAnEndpointForgetsTheKilledRunsPort(Db on) throws Exception {
        TestDatabase db = TestDatabase.of(on);
        String t = "rs_port_" + on.name().toLowerCase();
        create(db, t);
        String state = db.quote(helper(on, t, "state"));
        KilledRuns.killMidCopy(db, t, RETYPE.on(on), () -> db.strings("SELECT stream_offsets FROM " + state).get(0) != null
                && !db.strings("SELECT admin_port FROM " + state).contains(null), () -> { });
        java.util.List<String> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
        dev.osc.engine.run.RunProgress progress = new dev.osc.engine.run.RunProgress();
        progress.onPhase(phase -> {
            if (phase.equals("indexes")) {
                try {
                    seen.addAll(db.strings("SELECT admin_port FROM " + state));
                } catch (java.sql.SQLException e) {
                    throw new IllegalStateException(e);
                }
            }
        });
        dev.osc.engine.run.RunSettings settings = new dev.osc.engine.run.RunSettings(db.url(), null, null, t, RETYPE.on(on), true,
                dev.osc.engine.run.Strategy.SHADOW, 0, java.time.Duration.ofMillis(100), false, 0, java.time.Duration.ofMillis(200),
                true, false, false, java.time.Duration.ofMillis(50));
        dev.osc.engine.run.Engines.forUrl(settings.url(), System.err, java.time.Clock.systemUTC(), progress).alter(settings);
        assertThat(seen).as("the resumed run's state row names no endpoint").containsExactly((String) null);
        db.dropTables(t, helper(on, t, "old"));
        Leaks.assertNone(db);
    }

    private static void create(TestDatabase db, String t) throws Exception {
        Db on = db.db();
        db.dropTables(t, helper(on, t, "new"), helper(on, t, "fence"), helper(on, t, "state"), helper(on, t, "old"));
        db.exec(Shape.PLAIN.create(on, t, ROWS).toArray(new String[0]));
        db.exec("CREATE INDEX " + db.quote(t + "_note") + " ON " + db.quote(t) + " (note)");
    }

    /** Updates, deletes and inserts across the key range; {@code round} keeps each round's rows apart. */
    private static void writes(TestDatabase db, String t, int round) throws Exception {
        String q = db.quote(t);
        for (int i = 0; i < 40; i++) {
            long id = 1 + (i * 997L + round * 131L) % ROWS;
            db.exec("UPDATE " + q + " SET v = v + " + round + ", note = 'r" + round + "' WHERE id = " + id);
        }
        db.exec("DELETE FROM " + q + " WHERE id IN (" + (round * 7) + ", " + (ROWS / 2 + round) + ", " + (ROWS - round) + ")");
        db.exec("INSERT INTO " + q + " (id, v, note) VALUES (" + (ROWS + round * 10) + ", 1, 'new'), (" + (ROWS + round * 10 + 1) + ", 2, NULL)");
    }

    private static java.util.List<String> indexNames(TestDatabase db, String t) throws Exception {
        return db.db() == Db.POSTGRES ? db.strings("SELECT indexname FROM pg_indexes WHERE tablename = '" + t + "'")
                : db.strings("SELECT DISTINCT INDEX_NAME FROM information_schema.STATISTICS WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = '" + t + "'");
    }

    private static String lastBinlog(TestDatabase db) throws Exception {
        java.util.List<String> logs = db.strings("SHOW BINARY LOGS");
        return logs.get(logs.size() - 1);
    }

    private static String nextBinlog(String name) {
        int dot = name.lastIndexOf('.');
        String digits = name.substring(dot + 1);
        return name.substring(0, dot + 1) + String.format("%0" + digits.length() + "d", Long.parseLong(digits) + 1);
    }
}
