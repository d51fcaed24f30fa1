package dev.osc.engine.check;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class DependentViewsCheckTest {
    @Test
    void namesEveryDependentView() {
        var table = Tables.attached(List.of(), List.of(), List.of(), List.of("s.v1", "s.v2"));
        assertThat(new DependentViewsCheck().refusals(Tables.context(table)))
                .containsExactly("views depend on the table: s.v1, s.v2");
    }

    @Test
    void passesATableNoViewReads() {
        assertThat(new DependentViewsCheck().refusals(Tables.context(Tables.keyed("id")))).isEmpty();
    }
}
