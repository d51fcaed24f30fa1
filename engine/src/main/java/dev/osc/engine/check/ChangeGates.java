package dev.osc.engine.check;

import dev.osc.engine.model.Index;
import dev.osc.engine.model.TableInfo;
import dev.osc.engine.run.OscException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * The gates of one planned ALTER, the same on every database: its destructive actions (refused
 * unless allowed) and the data it would reject (always refused). An empty table loses no data and
 * violates nothing; whether it is empty is read once.
 */
public final class ChangeGates {

    /** What the ALTER destroys, and the refusals that apply to every strategy. */
    public record Verdict(List<String> destructive, List<String> gates) {
    }

    /** How a dialect names things in the queries: quoted identifiers, and the table itself. */
    public record Quoting(UnaryOperator<String> identifier, String table) {
    }

    private ChangeGates() {
    }

    public static Verdict evaluate(Connection c, TableInfo table, ProbedChange change, TypeWidening widening,
                                   boolean allowDestructive, Quoting quoting) throws SQLException {
        boolean hasRows = hasRows(c, quoting.table());
        List<String> destructive = DestructiveChanges.of(table, change, widening, hasRows);
        List<String> gates = new ArrayList<>(DestructiveChanges.gate(destructive, allowDestructive));
        if (hasRows) {
            for (String violation : ViolatingData.find(c, table, change, uniqueKeys(table.indexes()), widening, quoting)) {
                gates.add(OscException.DATA_REJECTS_CHANGE + violation);
            }
        }
        return new Verdict(destructive, gates);
    }

    /** The column lists of the plain unique indexes (the primary key's included). */
    public static List<List<String>> uniqueKeys(List<Index> indexes) {
        return indexes.stream().filter(i -> !i.uniqueColumns().isEmpty()).map(Index::uniqueColumns).toList();
    }

    /** Whether the table holds a row; reads one row at most. */
    private static boolean hasRows(Connection c, String quotedTable) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT 1 FROM " + quotedTable + " LIMIT 1")) {
            return rs.next();
        }
    }
}
