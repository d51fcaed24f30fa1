package dev.osc.engine.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every scenario on every database it is written for: PostgreSQL always, MariaDB when a server
 * is installed or given (skipped with a message otherwise, failing when OSC_REQUIRE_MYSQL=1).
 * {@code -Dosc.scenarios=name,name} runs only those (for working on one scenario).
 */
class ScenariosIT {

    static List<Scenario> all() {
        List<Scenario> all = new ArrayList<>();
        all.addAll(ShadowScenarios.all());
        all.addAll(FailureScenarios.all());
        all.addAll(PlanScenarios.all());
        all.addAll(ThrottleScenarios.all());
        all.addAll(ControlScenarios.all());
        all.addAll(RevertScenarios.all());
        return all;
    }

    @TestFactory
    Stream<DynamicNode> scenarios() {
        return Stream.of(Db.values()).map(db -> DynamicContainer.dynamicContainer(db.scheme(), onDatabase(db)));
    }

    private static Stream<DynamicNode> onDatabase(Db db) {
        if (db == Db.MARIADB && !MariaTestDatabase.available()) {
            return Stream.of(DynamicTest.dynamicTest("skipped", () -> Assumptions.abort(MariaTestDatabase.SKIPPED)));
        }
        TestDatabase database = TestDatabase.of(db);
        Set<String> only = selected();
        Stream<DynamicNode> scenarios = all().stream().filter(s -> s.runsOn(db) && (only.isEmpty() || only.contains(s.name())))
                .map(s -> DynamicTest.dynamicTest(s.name(), () -> ScenarioRunner.run(s, database)));
        return Stream.concat(Stream.of(DynamicTest.dynamicTest("leak-check-sees-leaks", () -> leakCheckSeesLeaks(database))), scenarios);
    }

    private static Set<String> selected() {
        String names = System.getProperty("osc.scenarios", "");
        return names.isBlank() ? Set.of() : Set.of(names.split(","));
    }

    /** The leak check itself can fail: it sees an osc connection, a helper table, an old table and an osc thread. */
    private static void leakCheckSeesLeaks(TestDatabase db) throws Exception {
        String helper = "sc_leak_osc_state";
        String old = "_sc_leak_osc_old";
        db.dropTables(helper, old);
        CountDownLatch stop = new CountDownLatch(1);
        Thread thread = new Thread(() -> {
            try {
                stop.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "osc-leak-check");
        thread.start();
        try (Connection c = db.connectAs("osc leak check")) {
            db.exec("CREATE TABLE " + db.quote(helper) + " (id int PRIMARY KEY)", "CREATE TABLE " + db.quote(old) + " (id int PRIMARY KEY)");
            assertThat(Leaks.now(db, Set.of())).contains("connection osc leak check", "table " + helper, "table " + old,
                    "thread osc-leak-check");
            assertThat(Leaks.now(db, Set.of("table " + old))).doesNotContain("table " + old);
        } finally {
            stop.countDown();
            thread.join();
            db.dropTables(helper, old);
        }
        assertThat(Leaks.awaitNone(db, Set.of())).isEmpty();
    }

    @Test
    void everyScenarioHasItsOwnTable() {
        Set<String> tables = new HashSet<>();
        for (Scenario s : all()) {
            assertThat(tables.add(s.table())).as("table of %s", s.name()).isTrue();
        }
    }
}
