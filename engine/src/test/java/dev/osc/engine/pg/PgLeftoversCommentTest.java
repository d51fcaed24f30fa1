package dev.osc.engine.pg;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The old table's comment carries the swap's time (and the comment it had); anything else reads as an unknown age. */
class PgLeftoversCommentTest {
    private static final Instant AT = Instant.parse("2026-12-01T10:15:30.123456Z");

    @Test
    void theSwapTimeReadsBackWithOrWithoutAnEarlierComment() {
        assertThat(PgLeftovers.keptAt(PgLeftovers.keptComment("20261201101530_abc", AT, null))).isEqualTo(AT);
        String kept = PgLeftovers.keptComment("20261201101530_abc", AT, "orders, swapped at never; it's 'quoted'");
        assertThat(kept).endsWith("; its comment was: orders, swapped at never; it's 'quoted'");
        assertThat(PgLeftovers.keptAt(kept)).isEqualTo(AT);
    }

    @Test
    void aCommentOscDidNotWriteHasNoAge() {
        assertThat(PgLeftovers.keptAt(null)).isNull();
        assertThat(PgLeftovers.keptAt("the orders of 2019")).isNull();
        assertThat(PgLeftovers.keptAt("osc: old table of run r, swapped at yesterday")).isNull();
        assertThat(PgLeftovers.keptAt("note: osc: old table of run r, swapped at " + AT)).as("only at the start").isNull();
    }
}
