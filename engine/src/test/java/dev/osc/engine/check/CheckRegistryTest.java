package dev.osc.engine.check;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class CheckRegistryTest {
    private record Fixed(String name, CheckPhase phase, List<String> refusals) implements Check {
        @Override
        public List<String> refusals(CheckContext context) {
            return refusals;
        }
    }

    private final CheckRegistry registry = new CheckRegistry(List.of(
            new Fixed("b", CheckPhase.PLAN, List.of("b1", "b2")),
            new Fixed("probed", CheckPhase.PROBED, List.of("p")),
            new Fixed("a", CheckPhase.PLAN, List.of()),
            new Fixed("c", CheckPhase.PLAN, List.of("c1"))));

    @Test
    void runsOnlyThePhasesChecksInRegistryOrderPassedOnesIncluded() throws Exception {
        CheckContext context = Tables.context(Tables.keyed("id"));
        assertThat(registry.run(CheckPhase.PLAN, context)).containsExactly(
                new Verdict("b", CheckPhase.PLAN, List.of("b1", "b2")),
                new Verdict("a", CheckPhase.PLAN, List.of()),
                new Verdict("c", CheckPhase.PLAN, List.of("c1")));
        assertThat(registry.refusals(CheckPhase.PLAN, context)).containsExactly("b1", "b2", "c1");
        assertThat(registry.refusals(CheckPhase.PROBED, context)).containsExactly("p");
        assertThat(registry.run(CheckPhase.CUTOVER, context)).isEmpty();
    }
}
