package dev.osc.engine.check;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class KeyTypeCheckTest {
    /** A dialect that supports only bigint keys. */
    private final KeyTypeCheck check = new KeyTypeCheck() {
        @Override
        protected boolean supported(String type) {
            return type.equals("bigint");
        }
    };

    @Test
    void refusesEachUnsupportedKeyColumnOnItsOwnLine() {
        var table = Tables.withColumns(List.of(Tables.column("id", 1, "bigint"), Tables.column("a", 2, "bytea"),
                Tables.column("b", 3, "point")), List.of("id", "a", "b"));
        assertThat(check.refusals(Tables.context(table))).containsExactly(
                "key column a has type bytea, which the shadow path does not support yet",
                "key column b has type point, which the shadow path does not support yet");
    }

    @Test
    void passesSupportedKeysAndIgnoresOtherColumns() {
        var table = Tables.withColumns(List.of(Tables.column("id", 1, "bigint"), Tables.column("a", 2, "bytea")), List.of("id"));
        assertThat(check.refusals(Tables.context(table))).isEmpty();
    }
}
