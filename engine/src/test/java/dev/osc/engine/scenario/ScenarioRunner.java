package dev.osc.engine.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.osc.engine.it.Osc;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * Runs one scenario on one database: creates the table, starts the load, runs osc as the
 * scenario says, stops the load, checks the expectation, then checks that nothing of the run is
 * left (connections, slots, publications, helper tables, threads) and drops the scenario's tables.
 */
final class ScenarioRunner {
    /** Writer transactions before the run starts and after it ended: the swap happens under load, and the new table takes writes. */
    private static final long TRANSACTIONS_AROUND = 50;
    private static final long TRANSACTIONS_AFTER = 100;

    private ScenarioRunner() {
    }

    static void run(Scenario scenario, TestDatabase db) throws Exception {
        Stage stage = new Stage(scenario, db);
        dropTables(stage);
        AssertionError failure = null;
        try {
            runAndCheck(stage);
        } catch (Exception | AssertionError e) {
            // surefire names dynamic tests by position: say which scenario failed
            failure = new AssertionError(scenario.name() + " on " + db.db() + ": " + e.getMessage(), e);
            throw failure;
        } finally {
            Set<String> allowed = scenario.keepsOldTable(db.db()) ? Set.of("table " + stage.oldTable()) : Set.of();
            List<String> leaks = Leaks.awaitNone(db, allowed);
            dropTables(stage);
            if (!leaks.isEmpty()) {
                AssertionError leak = new AssertionError(scenario.name() + " on " + db.db() + " left behind: " + leaks);
                if (failure == null) {
                    throw leak;
                }
                failure.addSuppressed(leak);
            }
        }
    }

    private static void runAndCheck(Stage stage) throws Exception {
        Scenario scenario = stage.scenario();
        TestDatabase db = stage.db();
        Db on = db.db();
        if (scenario.shape() == Shape.DEMO) {
            db.createDemo(stage.table(), scenario.rows());
        } else if (scenario.shape() != Shape.NONE) {
            db.exec(scenario.shape().create(on, stage.table(), scenario.rows()).toArray(new String[0]));
        }
        for (String sql : scenario.setup().on(on)) {
            db.exec(stage.sql(sql));
        }
        String before = db.fingerprint(stage.table());
        long rowsBefore = before == null ? 0 : db.number("SELECT COUNT(*) FROM " + db.quote(stage.table()));
        String databaseBefore = scenario.expect().checks().stream().anyMatch(Check::needsDatabaseBefore) ? db.databaseFingerprint() : null;
        WriterLoad load = null;
        Osc result;
        try {
            if (scenario.load() != null) {
                load = db.startLoad(stage.table(), scenario.rows(), scenario.load().threads(), scenario.load().rate().on(on));
                WriterLoad started = load;
                await().atMost(Duration.ofSeconds(30)).until(() -> started.transactions() > TRANSACTIONS_AROUND);
            }
            result = scenario.during().around(stage);
            if (load != null) {
                WriterLoad after = load;
                long atSwap = after.transactions();
                await().atMost(Duration.ofSeconds(30)).until(() -> after.transactions() > atSwap + TRANSACTIONS_AFTER);
            }
        } finally {
            if (load != null) {
                load.close();
            }
        }
        Expect expect = scenario.expect();
        assertThat(result.exit()).as("exit status of %s", result).isEqualTo(expect.exit());
        if (expect.status() != null) {
            assertThat(result.field("status")).as("status in %s", result).isEqualTo(expect.status());
        }
        if (expect.strategy() != null) {
            assertThat(result.field("strategy")).as("strategy in %s", result).isEqualTo(expect.strategy());
        }
        Run run = new Run(stage, before, rowsBefore, databaseBefore, result, load);
        for (Check check : expect.checks()) {
            check.verify(run);
        }
    }

    /** The scenario's tables and what an interrupted run of it may have left. */
    private static void dropTables(Stage stage) throws Exception {
        TestDatabase db = stage.db();
        for (String sql : stage.scenario().cleanup().on(db.db())) {
            db.exec(stage.sql(sql));
        }
        String t = stage.table();
        db.dropTables(t, t + "_oracle", "_" + t + "_osc_old", "_" + t + "_osc_new", t + "_osc_new", t + "_osc_del",
                "_" + t + "_osc_state", "_" + t + "_osc_fence", "_" + t + "_osc_probe");
    }
}
