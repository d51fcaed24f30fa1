package dev.osc.engine.scenario;

import static dev.osc.engine.scenario.Checks.checksumWithoutRepair;
import static dev.osc.engine.scenario.Checks.columnType;
import static dev.osc.engine.scenario.Checks.errContains;
import static dev.osc.engine.scenario.Checks.field;
import static dev.osc.engine.scenario.Checks.number;
import static dev.osc.engine.scenario.Checks.oldTableAsFlagged;
import static dev.osc.engine.scenario.Checks.oracleEqual;
import static dev.osc.engine.scenario.Checks.rowsCopied;
import static dev.osc.engine.scenario.Checks.writerDeadlocksAtMost;
import static dev.osc.engine.scenario.Checks.writerDeadlocksAtMostOnePer;
import static dev.osc.engine.scenario.Checks.writersSawNoError;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.osc.engine.it.Osc;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The revert window: after the swap the old table follows the new one, and {@code osc revert}
 * swaps it back with every write made since the swap (the oracle proves it); a value the old
 * table cannot hold makes the revert refused with the reason; the window closes by itself; a run
 * killed in its window is finished by the same command; and an ALTER that drops a column is
 * refused a window before anything is created.
 */
final class RevertScenarios {
    private static final PerDb<String> RETYPE_BALANCE = PerDb.of("ALTER COLUMN balance TYPE bigint", "MODIFY COLUMN balance BIGINT");
    private static final PerDb<String> RETYPE_V = PerDb.of("ALTER COLUMN v TYPE bigint", "MODIFY v BIGINT");
    private static final PerDb<String> OLD_INT = PerDb.of("integer", "int(11)");
    private static final PerDb<String> NEW_BIGINT = PerDb.of("bigint", "bigint(20)");
    /** The table swapped back does not keep the comment that marked it as the old table during the window. */
    private static final PerDb<String> NOT_MARKED = PerDb.of(
            "SELECT count(*) FROM pg_description WHERE objoid = '{t}'::regclass AND description LIKE 'osc:%'",
            "SELECT count(*) FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = '{t}' "
                    + "AND TABLE_COMMENT LIKE 'osc:%'");

    private RevertScenarios() {
    }

    static List<Scenario> all() {
        return List.of(
                Scenario.named("revert-window-swaps-back")
                        .table(Shape.DEMO, 20_000)
                        .writers(4, 400, 300)
                        .alter(RETYPE_BALANCE)
                        .flags("--strategy", "shadow", "--revert-window", "2m")
                        .during(RevertScenarios::revertedWhileWritersWrite)
                        .expect(new Expect(0, "done", "shadow", List.of(checksumWithoutRepair(), rowsCopied(), field("reverted", "true"),
                                writersSawNoError(), writerDeadlocksAtMost(1), oracleEqual(), columnType("balance", OLD_INT),
                                noShadowOrOldTable(), number(NOT_MARKED, 0),
                                errContains("osc [revert] swapped back in", "has its old shape again")))),

                Scenario.named("revert-window-closes-by-itself")
                        .table(Shape.PLAIN, 3_000)
                        .alter(RETYPE_V)
                        .flags("--strategy", "shadow", "--revert-window", "1s")
                        .expect(Expect.shadowDone().and(columnType("v", NEW_BIGINT), errContains("the revert window is over"),
                                revertRefusedWithoutAWindow())),

                Scenario.named("revert-refused-value-does-not-fit")
                        .table(Shape.PLAIN, 3_000)
                        .alter(RETYPE_V)
                        .flags("--strategy", "shadow", "--revert-window", "10s")
                        .during(RevertScenarios::aValueTheOldTypeCannotHold)
                        .expect(Expect.shadowDone().and(columnType("v", NEW_BIGINT), number("SELECT v FROM {t} WHERE id = 1", 3_000_000_000L),
                                errContains("a revert is no longer possible"))),

                // the fault plan's kill during the revert window: writers go on while no osc runs, the same command
                // carries the window on, the revert swaps back, and the table equals the writers' oracle
                Scenario.named("revert-window-killed-then-resumed")
                        .table(Shape.DEMO, 10_000)
                        .writers(4, 400, 300)
                        .alter(RETYPE_BALANCE)
                        .flags("--strategy", "shadow", "--revert-window", "2m")
                        .during(RevertScenarios::killedInTheWindowThenResumedAndReverted)
                        .expect(new Expect(0, "done", "shadow", List.of(field("reverted", "true"), columnType("balance", OLD_INT),
                                noShadowOrOldTable(), writersSawNoError(), writerDeadlocksAtMostOnePer(5_000), oracleEqual(),
                                errContains("resuming the revert window of", "osc [revert] swapped back in")))),

                Scenario.named("revert-window-killed-then-finished")
                        .table(Shape.PLAIN, 3_000)
                        .alter(RETYPE_V)
                        .flags("--strategy", "shadow", "--revert-window", "3s")
                        .during(RevertScenarios::killedInTheWindowThenOver)
                        .expect(new Expect(0, "done", "shadow", List.of(oldTableAsFlagged(), columnType("v", NEW_BIGINT),
                                number("SELECT count(*) FROM {t}", 3_000),
                                errContains("its revert window is not resumed (the window is over)",
                                        "before it stopped: the table has its new shape (its revert window is closed: the old table is kept)")))),

                Scenario.named("revert-window-refuses-dropped-column")
                        .table(Shape.PLAIN, 100)
                        .alter("DROP COLUMN note")
                        .flags("--strategy", "shadow", "--revert-window", "1m", "--allow-destructive")
                        .expect(Expect.fails(3, "--revert-window cannot keep the old table exact: the ALTER drops note")));
    }

    /** Writers write through the swap and the window; the revert is asked for on the command line. */
    private static Osc revertedWhileWritersWrite(Stage stage) throws Exception {
        try (LiveRun run = LiveRun.start(stage, Map.of())) {
            awaitWindow(run);
            long applied = run.request("GET", "/status", null).number("changesApplied");
            await().atMost(LiveRun.WAIT).ignoreExceptions()
                    .until(() -> !run.alive() || run.request("GET", "/status", null).number("changesApplied") > applied + 100);
            assertThat(run.alive()).as("the window stays open: %s", run.err()).isTrue();
            Osc revert = Osc.run("revert", "--url", stage.db().url(), "--table", stage.table());
            assertThat(revert.exit()).as("%s", revert).isZero();
            assertThat(revert.out()).contains("osc: reverting");
            return run.finish();
        }
    }

    /** A bigint value over int's range written after the swap: the revert is refused, naming it; the window stays open until it ends. */
    private static Osc aValueTheOldTypeCannotHold(Stage stage) throws Exception {
        try (LiveRun run = LiveRun.start(stage, Map.of())) {
            awaitWindow(run);
            stage.db().exec(stage.sql("UPDATE {t} SET v = 3000000000 WHERE id = 1"));
            await().atMost(LiveRun.WAIT).ignoreExceptions()
                    .until(() -> !run.alive() || "false".equals(run.request("GET", "/status", null).field("possible")));
            Osc revert = Osc.run("revert", "--admin", run.admin().toString());
            assertThat(revert.exit()).as("%s", revert).isEqualTo(3);
            assertThat(revert.err()).contains("cannot revert", "cannot be written back to the old table");
            // recorded: a stop from here on finishes the run instead of carrying on a window that no longer follows
            assertThat(run.phase()).isEqualTo("revert-impossible");
            return run.finish();
        }
    }

    /**
     * SIGKILL while the window is open; the writers go on while no osc runs; then the same
     * command carries the window on from the saved stream position, and a revert swaps back.
     */
    private static Osc killedInTheWindowThenResumedAndReverted(Stage stage) throws Exception {
        try (LiveRun run = LiveRun.start(stage, Map.of())) {
            awaitWindow(run);
        }
        long ends = System.currentTimeMillis() + 1_000;
        await().atMost(LiveRun.WAIT).until(() -> System.currentTimeMillis() > ends); // writes land while nothing streams
        try (LiveRun resumed = LiveRun.start(stage, Map.of())) {
            awaitWindow(resumed);
            long applied = resumed.request("GET", "/status", null).number("changesApplied");
            await().atMost(LiveRun.WAIT).ignoreExceptions()
                    .until(() -> !resumed.alive() || resumed.request("GET", "/status", null).number("changesApplied") > applied + 100);
            Osc revert = Osc.run("revert", "--url", stage.db().url(), "--table", stage.table());
            assertThat(revert.exit()).as("%s", revert).isZero();
            return resumed.finish();
        }
    }

    /**
     * SIGKILL while the window is open; abort is refused (the table was swapped: nothing to abort,
     * nothing changed); the window ends before the same command runs again, which finishes the run.
     */
    private static Osc killedInTheWindowThenOver(Stage stage) throws Exception {
        try (LiveRun run = LiveRun.start(stage, Map.of())) {
            awaitWindow(run);
        }
        String before = stage.db().databaseFingerprint();
        Osc abort = Osc.run("abort", "--url", stage.db().url(), "--table", stage.table());
        assertThat(abort.exit()).as("%s", abort).isEqualTo(3);
        assertThat(abort.err()).contains("had swapped it before it stopped (phase revert-window)", "the same alter command finishes the run");
        assertThat(stage.db().databaseFingerprint()).as("abort changed nothing").isEqualTo(before);
        long ends = stage.db().number("SELECT window_ends FROM " + stage.db().quote(stage.stateTable()));
        await().atMost(LiveRun.WAIT).until(() -> System.currentTimeMillis() > ends);
        return stage.run();
    }

    private static void awaitWindow(LiveRun run) throws Exception {
        await().atMost(LiveRun.WAIT).pollInterval(Duration.ofMillis(100)).ignoreExceptions()
                .until(() -> !run.alive() || "revert-window".equals(run.request("GET", "/status", null).field("phase")));
        assertThat(run.alive()).as("the window is open: %s", run.err()).isTrue();
    }

    /** Neither the new table (parked after the swap back) nor an old one is left. */
    private static Check noShadowOrOldTable() {
        return run -> {
            assertThat(run.db().tableExists(run.stage().oldTable())).as("old table").isFalse();
            for (String shadow : List.of("_" + run.stage().table() + "_osc_new", run.stage().table() + "_osc_new",
                    run.stage().table() + "_osc_del")) {
                assertThat(run.db().tableExists(shadow)).as(shadow).isFalse();
            }
        };
    }

    /** Without a live run there is no window: the refusal (exit 3) says what one would need. */
    private static Check revertRefusedWithoutAWindow() {
        return run -> {
            Osc revert = Osc.run("revert", "--url", run.db().url(), "--table", run.stage().table());
            assertThat(revert.exit()).as("%s", revert).isEqualTo(3);
            assertThat(revert.err()).contains("no revert window is open", "--revert-window DURATION");
        };
    }
}
