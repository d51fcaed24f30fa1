package dev.osc.engine.check;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.osc.engine.model.Column;
import dev.osc.engine.model.TableInfo;
import java.util.List;
import org.junit.jupiter.api.Test;

class KeyChangeCheckTest {
    private static final ClauseFacts CLAUSE = new ClauseFacts("...", false);
    private static final String REFUSAL = "the ALTER changes the primary key; the shadow path keeps the key (use --strategy direct)";

    private static List<Column> columns(String first, String second) {
        return List.of(Tables.column(first, 1, "bigint"), Tables.column(second, 2, "integer"));
    }

    @Test
    void passesAKeptOrRenamedKey() {
        var table = Tables.keyed("id");
        KeyChangeCheck check = new KeyChangeCheck(false);
        assertThat(check.refusals(Tables.probed(table, CLAUSE, columns("id", "v"), List.of("id")))).isEmpty();
        assertThat(check.refusals(Tables.probed(table, CLAUSE, columns("ident", "v"), List.of("ident")))).isEmpty();
    }

    @Test
    void refusesAnotherKey() {
        var table = Tables.keyed("id");
        assertThat(new KeyChangeCheck(false).refusals(Tables.probed(table, CLAUSE, columns("id", "v"), List.of("id", "v"))))
                .containsExactly(REFUSAL);
        assertThat(new KeyChangeCheck(false).refusals(Tables.probed(table, CLAUSE, columns("id", "v"), List.of())))
                .containsExactly(REFUSAL);
    }

    @Test
    void aReplicaIdentityKeyIsNamedAsSuch() {
        var keyed = Tables.keyed("id");
        var table = new TableInfo(keyed.name(), keyed.oid(), keyed.columns(), keyed.keyColumns(),
                "replica identity index", keyed.estimatedRows(), keyed.totalBytes(), keyed.indexes(), List.of(), List.of(),
                List.of(), List.of(), false, false, false);
        KeyChangeCheck check = new KeyChangeCheck(false);
        assertThat(check.refusals(Tables.probed(table, CLAUSE, columns("id", "v"), List.of("id")))).isEmpty();
        assertThat(check.refusals(Tables.probed(table, CLAUSE, columns("id", "v"), List.of())))
                .containsExactly("the ALTER changes the replica identity index; the shadow path keeps the key (use --strategy direct)");
    }

    @Test
    void caseMattersOnlyWhereTheDialectSaysSo() {
        var table = Tables.keyed("id");
        CheckContext upper = Tables.probed(table, CLAUSE, columns("id", "v"), List.of("ID"));
        assertThat(new KeyChangeCheck(true).refusals(upper)).isEmpty();
        assertThat(new KeyChangeCheck(false).refusals(upper)).containsExactly(REFUSAL);
    }

    @Test
    void aTableWithoutKeyIsLeftToTheKeyCheck() {
        var table = Tables.keyed();
        assertThat(new KeyChangeCheck(false).refusals(Tables.probed(table, CLAUSE, columns("id", "v"), List.of("id")))).isEmpty();
    }

    @Test
    void runsAfterTheProbeAndCannotReadItBefore() {
        KeyChangeCheck check = new KeyChangeCheck(false);
        assertThat(check.phase()).isEqualTo(CheckPhase.PROBED);
        assertThatThrownBy(() -> check.refusals(Tables.context(Tables.keyed("id")))).isInstanceOf(IllegalStateException.class);
    }
}
