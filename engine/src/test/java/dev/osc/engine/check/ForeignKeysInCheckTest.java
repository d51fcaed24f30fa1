package dev.osc.engine.check;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ForeignKeysInCheckTest {
    @Test
    void namesEveryForeignKeyPointingAtTheTable() {
        var table = Tables.attached(List.of("own_fk"), List.of("s.c1.fk1", "s.c2.fk2"), List.of(), List.of());
        assertThat(new ForeignKeysInCheck().refusals(Tables.context(table)))
                .containsExactly("foreign keys point at the table: s.c1.fk1, s.c2.fk2");
    }

    @Test
    void ignoresTheTablesOwnForeignKeys() {
        var table = Tables.attached(List.of("own_fk"), List.of(), List.of(), List.of());
        assertThat(new ForeignKeysInCheck().refusals(Tables.context(table))).isEmpty();
    }
}
