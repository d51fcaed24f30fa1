package dev.osc.engine.pg;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PgKeyTypeCheckTest {
    private final PgKeyTypeCheck check = new PgKeyTypeCheck();

    @Test
    void supportsTypesTheStreamCarriesAsTextAndCastsBackExactly() {
        for (String t : new String[] {"bigint", "integer", "smallint", "text", "uuid", "character varying(20)", "numeric(10,2)",
                "character(3)"}) {
            assertThat(check.supported(t)).as(t).isTrue();
        }
    }

    @Test
    void refusesTheOthers() {
        for (String t : new String[] {"bytea", "timestamp with time zone", "double precision", "jsonb", "integer[]"}) {
            assertThat(check.supported(t)).as(t).isFalse();
        }
    }
}
