package dev.osc.engine.unit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.osc.engine.check.DestructiveChanges;
import dev.osc.engine.check.ProbedChange;
import dev.osc.engine.check.TableConstraints;
import dev.osc.engine.check.Tables;
import dev.osc.engine.model.Index;
import dev.osc.engine.model.TableInfo;
import java.util.Map;
import java.util.Set;
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

    private static final TableConstraints NONE = new TableConstraints(Map.of(), Set.of(), Map.of());

    private static ProbedChange change(ColumnMapping mapping) {
        return new ProbedChange(mapping, List.of(), List.of(), NONE, NONE, false, List.of());
    }

    @Test
    void namesEveryDestructiveActionAndNotTheSafeOnes() {
        assertThat(DestructiveChanges.of(Tables.keyed("id"), change(MAPPING), new PgTypeWidening(), true)).containsExactly(
                "drops column note and its data",
                "changes column v from bigint to integer, which may not hold every value",
                "renames column a to b (code that names it breaks)");
    }

    @Test
    void anEmptyTableLosesNoDataButARenameStillBreaksCode() {
        assertThat(DestructiveChanges.of(Tables.keyed("id"), change(MAPPING), new PgTypeWidening(), false))
                .containsExactly("renames column a to b (code that names it breaks)");
    }

    @Test
    void droppingAUniqueKeyOrACheckIsDestructiveEvenOnAnEmptyTable() {
        ColumnMapping kept = new ColumnMapping(List.of(new MappedColumn(Change.KEPT, "id", "id", "bigint", "bigint"),
                new MappedColumn(Change.KEPT, "v", "v", "integer", "integer")));
        TableInfo t = Tables.keyed("id");
        TableInfo withUnique = new TableInfo(t.name(), t.oid(), t.columns(), t.keyColumns(), t.keySource(), t.estimatedRows(),
                t.totalBytes(), List.of(new Index("t_pkey", true, true, "pk", List.of("id"), "t_pkey"),
                new Index("t_v_key", false, true, "v", List.of("v"), "t_v_key")),
                List.of(), List.of(), List.of(), List.of(), false, false, false);
        TableConstraints before = new TableConstraints(Map.of("v_pos", "(v > 0)"), Set.of(), Map.of());
        ProbedChange dropped = new ProbedChange(kept, List.of(), List.of(List.of("id")), before, NONE, false, List.of());
        assertThat(DestructiveChanges.of(withUnique, dropped, new PgTypeWidening(), false)).containsExactly(
                "drops unique key t_v_key (v): duplicates become possible",
                "drops CHECK constraint v_pos (code may rely on it)");
        ProbedChange keptAll = new ProbedChange(kept, List.of(), List.of(List.of("id"), List.of("v")), before, before, false, List.of());
        assertThat(DestructiveChanges.of(withUnique, keptAll, new PgTypeWidening(), true)).isEmpty();
    }

    @Test
    void aCollationChangeOfAUniqueColumnIsDestructiveWhenTheTableHasRows() {
        ColumnMapping kept = new ColumnMapping(List.of(new MappedColumn(Change.KEPT, "id", "id", "bigint", "bigint"),
                new MappedColumn(Change.KEPT, "v", "v", "text", "text")));
        ProbedChange change = new ProbedChange(kept, List.of(), List.of(List.of("v")),
                new TableConstraints(Map.of(), Set.of(), Map.of("v", "\"C\"")),
                new TableConstraints(Map.of(), Set.of(), Map.of("v", "\"und-x-icu\"")), false, List.of());
        assertThat(DestructiveChanges.of(Tables.keyed("id"), change, new PgTypeWidening(), true)).containsExactly(
                "changes the collation of unique column v from \"C\" to \"und-x-icu\" (values it told apart may collide)");
        assertThat(DestructiveChanges.of(Tables.keyed("id"), change, new PgTypeWidening(), false)).isEmpty();
    }

    @Test
    void unfitValuesAreDescribedAsConditionsWhereTheDialectCanWriteThem() {
        PgTypeWidening pg = new PgTypeWidening();
        assertThat(pg.unfit("\"v\"", "bigint", "integer")).hasValue("round(\"v\"::numeric) NOT BETWEEN -2147483648 AND 2147483647");
        assertThat(pg.unfit("\"v\"", "text", "character varying(5)")).hasValue("char_length(rtrim(\"v\")) > 5");
        assertThat(pg.unfit("\"v\"", "numeric(10,2)", "numeric(5,2)")).hasValue("abs(round(\"v\"::numeric, 2)) >= 10::numeric ^ 3");
        assertThat(pg.unfit("\"v\"", "text", "jsonb")).isEmpty();
        MyTypeWidening my = new MyTypeWidening();
        assertThat(my.unfit("`v`", "int(11)", "tinyint(4)")).hasValue("ROUND(`v`) NOT BETWEEN -128 AND 127");
        assertThat(my.unfit("`v`", "int(11)", "int(10) unsigned")).hasValue("ROUND(`v`) NOT BETWEEN 0 AND 4294967295");
        assertThat(my.unfit("`v`", "varchar(40)", "varchar(8)")).hasValue("CHAR_LENGTH(RTRIM(`v`)) > 8");
        assertThat(my.unfit("`v`", "decimal(12,3)", "decimal(6,2)")).hasValue("ABS(ROUND(`v`, 2)) >= POW(10, 4)");
        assertThat(my.unfit("`v`", "blob", "varchar(8)")).isEmpty();
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
