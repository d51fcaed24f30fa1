package dev.osc.engine.check;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class UsableKeyCheckTest {
    private final UsableKeyCheck check = new UsableKeyCheck("primary key: osc needs one");

    @Test
    void refusesATableWithoutKeyNamingIt() {
        assertThat(check.refusals(Tables.context(Tables.keyed())))
                .containsExactly("table s.t has no primary key: osc needs one");
    }

    @Test
    void passesAKeyedTable() {
        assertThat(check.refusals(Tables.context(Tables.keyed("id")))).isEmpty();
        assertThat(check.phase()).isEqualTo(CheckPhase.PLAN);
    }
}
