package dev.osc.engine.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
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
 */
class ScenariosIT {

    static List<Scenario> all() {
        List<Scenario> all = new ArrayList<>();
        all.addAll(ShadowScenarios.all());
        all.addAll(FailureScenarios.all());
        all.addAll(PlanScenarios.all());
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
        return all().stream().filter(s -> s.runsOn(db))
                .map(s -> DynamicTest.dynamicTest(s.name(), () -> ScenarioRunner.run(s, database)));
    }

    @Test
    void everyScenarioHasItsOwnTable() {
        Set<String> tables = new HashSet<>();
        for (Scenario s : all()) {
            assertThat(tables.add(s.table())).as("table of %s", s.name()).isTrue();
        }
    }
}
