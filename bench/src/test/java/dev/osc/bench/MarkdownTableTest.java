package dev.osc.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class MarkdownTableTest {

    @Test
    void padsColumnsToTheWidestCellAndRightAlignsValues() {
        String table = new MarkdownTable(List.of("rows", "s"))
                .row(List.of("100,000", "1.25"))
                .row(List.of("5", "12.50"))
                .render();

        assertThat(table).isEqualTo("""
                | rows    | s     |
                | ------: | ----: |
                | 100,000 |  1.25 |
                |       5 | 12.50 |
                """);
    }

    @Test
    void escapesPipesInCells() {
        String table = new MarkdownTable(List.of("a")).row(List.of("x|y")).render();

        assertThat(table).contains("| x\\|y |");
    }

    @Test
    void refusesARowOfTheWrongWidth() {
        MarkdownTable table = new MarkdownTable(List.of("a", "b"));

        assertThatThrownBy(() -> table.row(List.of("1"))).isInstanceOf(IllegalArgumentException.class);
    }
}
