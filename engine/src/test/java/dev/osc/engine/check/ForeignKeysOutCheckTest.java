package dev.osc.engine.check;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ForeignKeysOutCheckTest {
    @Test
    void namesTheTablesOwnForeignKeys() {
        var table = Tables.attached(List.of("fk_a -> a", "fk_b -> b"), List.of("s.c.in"), List.of(), List.of());
        assertThat(new ForeignKeysOutCheck().refusals(Tables.context(table)))
                .containsExactly("the table has foreign keys, which the shadow path does not carry over yet: fk_a -> a, fk_b -> b");
    }

    @Test
    void ignoresForeignKeysPointingIn() {
        var table = Tables.attached(List.of(), List.of("s.c.in"), List.of(), List.of());
        assertThat(new ForeignKeysOutCheck().refusals(Tables.context(table))).isEmpty();
    }
}
