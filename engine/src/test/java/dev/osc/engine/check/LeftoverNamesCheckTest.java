package dev.osc.engine.check;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class LeftoverNamesCheckTest {
    private static LeftoverNamesCheck taking(String... taken) {
        return new LeftoverNamesCheck() {
            @Override
            protected List<String> taken(CheckContext context) {
                return List.of(taken);
            }
        };
    }

    @Test
    void namesEveryTakenNameInOneLine() throws Exception {
        assertThat(taking("table s._t_osc_old", "table s._t_osc_state").refusals(Tables.context(Tables.keyed("id"))))
                .containsExactly("table s._t_osc_old, table s._t_osc_state exist (left by an earlier run?): drop or rename them first");
    }

    @Test
    void oneTakenNameKeepsTheSingularLine() throws Exception {
        assertThat(taking("table s._t_osc_old").refusals(Tables.context(Tables.keyed("id"))))
                .containsExactly("table s._t_osc_old exists (left by an earlier run?): drop or rename it first");
    }

    @Test
    void passesWhenEveryNameIsFree() throws Exception {
        assertThat(taking().refusals(Tables.context(Tables.keyed("id")))).isEmpty();
        assertThat(taking().phase()).isEqualTo(CheckPhase.PLAN);
    }
}
