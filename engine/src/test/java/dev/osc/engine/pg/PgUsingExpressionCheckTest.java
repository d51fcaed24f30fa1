package dev.osc.engine.pg;

import static org.assertj.core.api.Assertions.assertThat;

import dev.osc.engine.check.ClauseFacts;
import dev.osc.engine.check.Tables;
import java.util.List;
import org.junit.jupiter.api.Test;

class PgUsingExpressionCheckTest {
    private final PgUsingExpressionCheck check = new PgUsingExpressionCheck();
    private final ClauseFacts using = new ClauseFacts("ALTER COLUMN v TYPE bigint USING v * 2", true);
    private final ClauseFacts plain = new ClauseFacts("ALTER COLUMN v TYPE bigint", false);

    @Test
    void refusesAUsingExpressionThatRetypesAColumn() {
        var table = Tables.keyed("id");
        var retyped = List.of(Tables.column("id", 1, "bigint"), Tables.column("v", 2, "bigint"));
        assertThat(check.refusals(Tables.probed(table, using, retyped, List.of("id")))).containsExactly(
                "ALTER COLUMN ... TYPE ... USING: the shadow path converts with the default cast only (use --strategy direct)");
        assertThat(check.refusals(Tables.probed(table, plain, retyped, List.of("id")))).isEmpty();
    }

    @Test
    void refusesAUsingEvenWithoutATypeChangeForTheCopyWouldIgnoreIt() {
        var table = Tables.keyed("id");
        assertThat(check.refusals(Tables.probed(table, using, table.columns(), List.of("id")))).singleElement().asString()
                .contains("USING");
    }
}
