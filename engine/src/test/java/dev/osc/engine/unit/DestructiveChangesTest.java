package dev.osc.engine.unit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.osc.engine.check.DestructiveChanges;
import dev.osc.engine.model.ColumnMapping;
import dev.osc.engine.model.MappedColumn;
import dev.osc.engine.model.MappedColumn.Change;
import dev.osc.engine.mysql.MyTypeWidening;
import dev.osc.engine.pg.PgTypeWidening;
import java.util.List;
import org.junit.jupiter.api.Test;

class DestructiveChangesTest {
    private static final ColumnMapping MAPPING = new ColumnMapping(List.of(
            new MappedColumn(Change.KEPT, "id", "id", "bigint", "bigint"),
            new MappedColumn(Change.DROPPED, "note", null, "text", null),
            new MappedColumn(Change.RETYPED, "v", "v", "bigint", "integer"),
            new MappedColumn(Change.RETYPED, "w", "w", "integer", "bigint"),
            new MappedColumn(Change.RENAMED, "a", "b", "text", "text"),
            new MappedColumn(Change.ADDED, null, "extra", null, "integer")));

    @Test
    void namesEveryDestructiveActionAndNotTheSafeOnes() {
        assertThat(DestructiveChanges.of(MAPPING, new PgTypeWidening(), true, false)).containsExactly(
                "drops column note and its data",
                "changes column v from bigint to integer, which may not hold every value",
                "renames column a to b (code that names it breaks)");
    }

    @Test
    void anEmptyTableLosesNoDataButARenameStillBreaksCode() {
        assertThat(DestructiveChanges.of(MAPPING, new PgTypeWidening(), false, false))
                .containsExactly("renames column a to b (code that names it breaks)");
    }

    @Test
    void theGateRefusesUnlessAllowed() {
        List<String> destructive = List.of("drops column note and its data");
        assertThat(DestructiveChanges.gate(destructive, false)).singleElement().asString()
                .contains("drops column note and its data").contains("--allow-destructive");
        assertThat(DestructiveChanges.gate(destructive, true)).isEmpty();
        assertThat(DestructiveChanges.gate(List.of(), false)).isEmpty();
    }

    @Test
    void postgresWidenings() {
        PgTypeWidening w = new PgTypeWidening();
        assertThat(w.widens("integer", "bigint")).isTrue();
        assertThat(w.widens("smallint", "numeric")).isTrue();
        assertThat(w.widens("character varying(20)", "character varying(40)")).isTrue();
        assertThat(w.widens("character varying(20)", "text")).isTrue();
        assertThat(w.widens("numeric(10,2)", "numeric(12,3)")).isTrue();
        assertThat(w.widens("real", "double precision")).isTrue();
        assertThat(w.widens("bigint", "integer")).isFalse();
        assertThat(w.widens("character varying(40)", "character varying(20)")).isFalse();
        assertThat(w.widens("numeric(10,2)", "numeric(10,3)")).isFalse();
        assertThat(w.widens("text", "character varying(10)")).isFalse();
        assertThat(w.widens("text", "jsonb")).isFalse();
    }

    @Test
    void mariadbWidenings() {
        MyTypeWidening w = new MyTypeWidening();
        assertThat(w.widens("int(11)", "bigint(20)")).isTrue();
        assertThat(w.widens("int", "BIGINT")).isTrue();
        assertThat(w.widens("int(10) unsigned", "bigint(20)")).isTrue();
        assertThat(w.widens("varchar(20)", "varchar(40)")).isTrue();
        assertThat(w.widens("char(10)", "varchar(10)")).isTrue();
        assertThat(w.widens("varchar(100)", "text")).isTrue();
        assertThat(w.widens("varchar(20000)", "text")).isFalse();
        assertThat(w.widens("varchar(20000)", "mediumtext")).isTrue();
        assertThat(w.widens("decimal(12,3)", "decimal(14,3)")).isTrue();
        assertThat(w.widens("bigint(20)", "int(11)")).isFalse();
        assertThat(w.widens("int(11)", "int(10) unsigned")).isFalse();
        assertThat(w.widens("bigint(20) unsigned", "bigint(20)")).isFalse();
        assertThat(w.widens("text", "varchar(10)")).isFalse();
    }
}
