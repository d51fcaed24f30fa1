package dev.osc.engine.unit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.osc.engine.copy.Bound;
import dev.osc.engine.model.Index;
import dev.osc.engine.model.MappedColumn;
import dev.osc.engine.model.MappedColumn.Change;
import dev.osc.engine.model.TableName;
import dev.osc.engine.mysql.MyStatements;
import dev.osc.engine.mysql.MyTablePair;
import dev.osc.engine.rows.RowSelection;
import dev.osc.engine.rows.UniqueKey;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Exact SQL for a hostile MariaDB table, written by hand from the rules (quote every identifier,
 * double inner backticks, write key comparisons out, read the source with shared locks), for the
 * statements the row mechanisms ask for by selection.
 */
class MyStatementsTest {
    static final TableName SOURCE = new TableName("d`b", "t`a ü");
    static final TableName SHADOW = new TableName("d`b", "_t`a ü_osc_new");
    static final MappedColumn KEY = new MappedColumn(Change.RENAMED, "i`d", "ident", "bigint", "bigint");
    static final MappedColumn EMAIL = new MappedColumn(Change.KEPT, "e`mail", "e`mail", "varchar(40)", "varchar(40)");
    static final UniqueKey UNIQUE = new UniqueKey(new Index("uq", false, true, "UNIQUE (e`mail)", List.of("e`mail"), "uq"),
            List.of("e`mail"), List.of(EMAIL));
    static final MyTablePair PAIR = new MyTablePair(SOURCE, SHADOW, List.of("i`d"), List.of("CAST(? AS SIGNED)"),
            List.of("ident"), List.of(KEY, EMAIL), List.of(UNIQUE));

    static final String SRC = "`d``b`.`t``a ü`";
    static final String SHD = "`d``b`.`_t``a ü_osc_new`";

    final MyStatements st = new MyStatements(PAIR);

    @Test
    void uniqueConflictsOfABoundedKeyList() {
        RowSelection rows = RowSelection.keys(List.of(List.of("1"), List.of("2")), Bound.upTo(List.of("9")));
        assertThat(st.uniqueKeys()).isEqualTo(1);
        assertThat(st.uniqueConflictsDelete()).isFalse();
        assertThat(st.uniqueConflicts(0, rows)).isEqualTo(
                "SELECT t.`ident` FROM " + SHD + " t JOIN (SELECT s.`e``mail` AS u1, s.`i``d` AS k1 FROM " + SRC + " s"
                        + " WHERE (s.`i``d`) IN ((CAST(? AS SIGNED)), (CAST(? AS SIGNED))) AND ((s.`i``d` <= CAST(? AS SIGNED)))"
                        + " LOCK IN SHARE MODE) n ON t.`e``mail` = n.u1 WHERE NOT (t.`ident` = n.k1)");
    }

    @Test
    void uniqueConflictsOfARange() {
        RowSelection rows = RowSelection.range(Bound.upTo(List.of("3")), Bound.all());
        assertThat(st.uniqueConflicts(0, rows)).isEqualTo(
                "SELECT t.`ident` FROM " + SHD + " t JOIN (SELECT s.`e``mail` AS u1, s.`i``d` AS k1 FROM " + SRC + " s"
                        + " WHERE ((s.`i``d` > CAST(? AS SIGNED)))"
                        + " LOCK IN SHARE MODE) n ON t.`e``mail` = n.u1 WHERE NOT (t.`ident` = n.k1)");
    }

    @Test
    void keyListStatementsTakeOnePlaceholderTuplePerKey() {
        assertThat(st.deleteShadowKeys(2)).isEqualTo(
                "DELETE t FROM " + SHD + " t WHERE (t.`ident`) IN ((CAST(? AS SIGNED)), (CAST(? AS SIGNED)))");
        assertThat(st.insertKeys(1, true)).isEqualTo(
                "INSERT INTO " + SHD + " (`ident`, `e``mail`) SELECT s.`i``d`, s.`e``mail` FROM " + SRC + " s"
                        + " WHERE (s.`i``d`) IN ((CAST(? AS SIGNED))) AND ((s.`i``d` <= CAST(? AS SIGNED))) LOCK IN SHARE MODE");
    }

    @Test
    void aChunkIsAPlainInsertTheFirstTimeAndAgainAfterItsRangeIsDeleted() {
        String first = "INSERT INTO " + SHD + " (`ident`, `e``mail`) SELECT s.`i``d`, s.`e``mail` FROM " + SRC + " s"
                + " WHERE ((s.`i``d` > CAST(? AS SIGNED))) AND ((s.`i``d` <= CAST(? AS SIGNED))) LOCK IN SHARE MODE";
        assertThat(st.copyChunk(true, true)).isEqualTo(first);
        assertThat(st.recopyChunk(true, true)).isEqualTo(first);
    }

    @Test
    void aShadowRowInARange() {
        assertThat(st.shadowRowInRange(false, true)).isEqualTo(
                "SELECT 1 FROM " + SHD + " t WHERE ((t.`ident` <= CAST(? AS SIGNED))) LIMIT 1");
    }
}
