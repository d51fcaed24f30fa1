package dev.osc.engine.check;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class TriggersCheckTest {
    @Test
    void namesEveryTrigger() {
        var table = Tables.attached(List.of(), List.of(), List.of("audit", "touch"), List.of());
        assertThat(new TriggersCheck().refusals(Tables.context(table)))
                .containsExactly("the table has triggers, which the shadow path does not carry over yet: audit, touch");
    }

    @Test
    void passesATableWithoutTriggers() {
        assertThat(new TriggersCheck().refusals(Tables.context(Tables.keyed("id")))).isEmpty();
    }
}
