package dev.osc.engine.unit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.osc.engine.model.Column;
import dev.osc.engine.model.ColumnMapping;
import dev.osc.engine.model.MappedColumn;
import dev.osc.engine.model.MappedColumn.Change;
import java.util.List;
import org.junit.jupiter.api.Test;

class ColumnMappingTest {

    private static Column col(String name, int position, String type) {
        return new Column(name, position, type, true, false, false, false);
    }

    private static Column generated(String name, int position, String type) {
        return new Column(name, position, type, true, false, true, false);
    }

    final List<Column> before = List.of(
            col("id", 1, "bigint"),
            col("name", 2, "text"),
            col("amount", 3, "integer"),
            col("old_total", 4, "integer"),
            col("gone", 5, "text"),
            col("total", 6, "numeric(10,2)"));

    final List<Column> after = List.of(
            col("id", 1, "bigint"),                    // kept
            col("full_name", 2, "text"),               // renamed
            col("amount", 3, "bigint"),                // retyped
            col("new_total", 4, "bigint"),             // renamed and retyped
            // position 5 dropped
            generated("total", 6, "numeric(10,2)"),    // generated in the result: computed, not copied
            col("note", 8, "text"),                    // added (listed out of order on purpose)
            col("flag", 7, "boolean"));                // added

    final ColumnMapping m = ColumnMapping.between(before, after);

    @Test
    void classifiesEveryColumnByPosition() {
        assertThat(m.columns()).containsExactly(
                new MappedColumn(Change.KEPT, "id", "id", "bigint", "bigint"),
                new MappedColumn(Change.RENAMED, "name", "full_name", "text", "text"),
                new MappedColumn(Change.RETYPED, "amount", "amount", "integer", "bigint"),
                new MappedColumn(Change.RENAMED_AND_RETYPED, "old_total", "new_total", "integer", "bigint"),
                new MappedColumn(Change.DROPPED, "gone", null, "text", null),
                new MappedColumn(Change.ADDED, null, "total", null, "numeric(10,2)"),
                new MappedColumn(Change.ADDED, null, "flag", null, "boolean"),
                new MappedColumn(Change.ADDED, null, "note", null, "text"));
    }

    @Test
    void copiedExcludesDroppedAddedAndGenerated() {
        assertThat(m.copied()).extracting(MappedColumn::sourceName)
                .containsExactly("id", "name", "amount", "old_total");
        assertThat(m.copied()).extracting(MappedColumn::targetName)
                .containsExactly("id", "full_name", "amount", "new_total");
        assertThat(m.copied()).noneMatch(c -> c.targetName().equals("total"));
    }

    @Test
    void droppedAndAdded() {
        assertThat(m.dropped()).extracting(MappedColumn::sourceName).containsExactly("gone");
        assertThat(m.added()).extracting(MappedColumn::targetName).containsExactly("total", "flag", "note");
        assertThat(m.changed()).extracting(MappedColumn::change).doesNotContain(Change.KEPT).hasSize(7);
    }

    @Test
    void targetOfAndTargetTypeOf() {
        assertThat(m.targetOf("id")).isEqualTo("id");
        assertThat(m.targetOf("name")).isEqualTo("full_name");
        assertThat(m.targetOf("old_total")).isEqualTo("new_total");
        assertThat(m.targetOf("total")).isNull();     // generated in the shadow: nothing to copy into
        assertThat(m.targetOf("full_name")).isNull(); // a target name is not a source name
        assertThat(m.targetOf("nope")).isNull();
        assertThat(m.targetTypeOf("amount")).isEqualTo("bigint");
        assertThat(m.targetTypeOf("old_total")).isEqualTo("bigint");
        assertThat(m.targetTypeOf("name")).isEqualTo("text");
    }

    @Test
    void targetOfADroppedColumnIsNull() {
        assertThat(m.targetOf("gone")).isNull();
        assertThat(m.targetTypeOf("gone")).isNull();
    }

    @Test
    void retypedFlag() {
        assertThat(m.columns()).filteredOn(MappedColumn::retyped).extracting(MappedColumn::sourceName)
                .containsExactly("amount", "old_total");
    }

    @Test
    void swappedNamesAreTwoRenamesNotKeeps() {
        ColumnMapping swap = ColumnMapping.between(List.of(col("a", 1, "int"), col("b", 2, "int")),
                List.of(col("b", 1, "int"), col("a", 2, "int")));
        assertThat(swap.columns()).containsExactly(
                new MappedColumn(Change.RENAMED, "a", "b", "int", "int"),
                new MappedColumn(Change.RENAMED, "b", "a", "int", "int"));
        assertThat(swap.targetOf("a")).isEqualTo("b");
    }

    @Test
    void identicalReadingsAreAllKept() {
        ColumnMapping same = ColumnMapping.between(before, before);
        assertThat(same.changed()).isEmpty();
        assertThat(same.copied()).hasSize(before.size());
    }

    @Test
    void dropAndAddOfTheSameNameIsNotARename() {
        ColumnMapping m2 = ColumnMapping.between(List.of(col("id", 1, "int"), col("x", 2, "text")),
                List.of(col("id", 1, "int"), col("x", 3, "text")));
        assertThat(m2.columns()).containsExactly(
                new MappedColumn(Change.KEPT, "id", "id", "int", "int"),
                new MappedColumn(Change.DROPPED, "x", null, "text", null),
                new MappedColumn(Change.ADDED, null, "x", null, "text"));
        assertThat(m2.copied()).hasSize(1);
    }

    @Test
    void reversedTradesAddedAndDroppedAndSwapsNamesAndTypes() {
        ColumnMapping back = m.reversed();
        assertThat(back.targetOf("full_name")).isEqualTo("name");
        assertThat(back.targetTypeOf("amount")).isEqualTo("integer");
        assertThat(back.dropped()).extracting(MappedColumn::sourceName).containsExactlyInAnyOrder("note", "flag", "total");
        assertThat(back.added()).extracting(MappedColumn::targetName).containsExactly("gone");
        assertThat(back.reversed()).isEqualTo(m);
    }

    @Test
    void byNamePairsTwoTablesOfOneRunAndRefusesAMissingColumn() {
        List<Column> old = List.of(col("id", 1, "bigint"), col("v", 3, "integer"));
        List<Column> now = List.of(col("ID", 1, "bigint"), col("v", 2, "bigint"), col("added", 3, "text"), generated("g", 4, "int"));
        ColumnMapping paired = ColumnMapping.byName(old, now, String::equalsIgnoreCase);
        assertThat(paired.copied()).extracting(MappedColumn::change).containsExactly(Change.KEPT, Change.RETYPED);
        assertThat(paired.targetOf("id")).isEqualTo("ID");
        assertThat(paired.added()).extracting(MappedColumn::targetName).containsExactly("added", "g");
        assertThat(ColumnMapping.byName(old, now, String::equals)).as("id has no namesake").isNull();
    }
}
