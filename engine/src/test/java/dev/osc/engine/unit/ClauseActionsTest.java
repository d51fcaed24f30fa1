package dev.osc.engine.unit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.osc.engine.mysql.MyAlterClause;
import dev.osc.engine.pg.PgAlterClause;
import dev.osc.engine.script.ClauseActions;
import dev.osc.engine.script.CopyClause;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ClauseActionsTest {
    @Test
    void splitsAtTopLevelCommasOnly() {
        assertThat(ClauseActions.split("ADD COLUMN a numeric(10, 2) DEFAULT 'x,y', ADD CONSTRAINT \"c,d\" CHECK (a IN (1, 2)),"
                + " ALTER COLUMN b SET DEFAULT $$p,q$$"))
                .containsExactly("ADD COLUMN a numeric(10, 2) DEFAULT 'x,y'", "ADD CONSTRAINT \"c,d\" CHECK (a IN (1, 2))",
                        "ALTER COLUMN b SET DEFAULT $$p,q$$");
    }

    @Test
    void namesWhatADropActionDrops() {
        assertThat(ClauseActions.named("DROP CONSTRAINT IF EXISTS \"My Key\" CASCADE", "DROP", "CONSTRAINT"))
                .hasValueSatisfying(d -> assertThat(d.written()).isEqualTo("\"My Key\""));
        assertThat(ClauseActions.named("drop foreign key `fk`", "DROP", "FOREIGN", "KEY"))
                .hasValueSatisfying(d -> assertThat(d.written()).isEqualTo("`fk`"));
        assertThat(ClauseActions.named("DROP CONSTRAINT c USING x", "DROP", "CONSTRAINT")).isEmpty();
        assertThat(ClauseActions.named("DROP COLUMN c", "DROP", "CONSTRAINT")).isEmpty();
    }

    @Test
    void postgresCopyGetsTheCopysConstraintNamesAndNoForeignKeyDrop() {
        PgAlterClause clause = PgAlterClause.parse("DROP CONSTRAINT Note_Unique, DROP CONSTRAINT \"fk\", ADD COLUMN z int");
        CopyClause copy = clause.forCopy(Map.of("note_unique", "_t_osc_shadow_note_key"), Set.of("fk"));
        assertThat(copy.text()).isEqualTo("DROP CONSTRAINT \"_t_osc_shadow_note_key\", ADD COLUMN z int");
        assertThat(copy.droppedForeignKeys()).containsExactly("fk");
        assertThat(PgAlterClause.parse("ADD COLUMN z int ,  ADD COLUMN y int").forCopy(Map.of(), Set.of()).text())
                .isEqualTo("ADD COLUMN z int ,  ADD COLUMN y int");
        assertThat(PgAlterClause.parse("DROP CONSTRAINT fk").forCopy(Map.of(), Set.of("fk")).isEmpty()).isTrue();
    }

    @Test
    void mariadbCopyLeavesOutForeignKeyDropsWhateverTheirCase() {
        CopyClause copy = MyAlterClause.parse("DROP FOREIGN KEY FK_P, MODIFY v BIGINT").forCopy(Set.of("fk_p"));
        assertThat(copy.text()).isEqualTo("MODIFY v BIGINT");
        assertThat(copy.droppedForeignKeys()).isEqualTo(List.of("fk_p"));
        assertThat(MyAlterClause.parse("DROP CONSTRAINT `fk_p`").forCopy(Set.of("fk_p")).isEmpty()).isTrue();
        assertThat(MyAlterClause.parse("DROP INDEX fk_p").forCopy(Set.of("fk_p")).text()).isEqualTo("DROP INDEX fk_p");
    }
}
