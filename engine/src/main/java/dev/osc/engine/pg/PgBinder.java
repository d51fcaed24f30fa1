package dev.osc.engine.pg;

import dev.osc.engine.copy.Bound;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** Binds key values (as text) to the statements of {@link PgStatements}. */
final class PgBinder {
    private PgBinder() {
    }

    /** Binds one key value per column, starting at {@code index}; returns the next index. */
    static int bindKey(PreparedStatement ps, int index, List<String> key) throws SQLException {
        for (String part : key) {
            ps.setString(index++, part);
        }
        return index;
    }

    /** Binds the lower bound (when it is a key) and then the upper bound (when it is a key). */
    static int bindRange(PreparedStatement ps, int index, Bound lower, Bound upper) throws SQLException {
        if (lower.kind() == Bound.Kind.KEY) {
            index = bindKey(ps, index, lower.key());
        }
        if (upper.kind() == Bound.Kind.KEY) {
            index = bindKey(ps, index, upper.key());
        }
        return index;
    }

    /** Binds a key list as one text array per key column. */
    static int bindKeyList(Connection c, PreparedStatement ps, int index, List<List<String>> keys, int width)
            throws SQLException {
        for (int col = 0; col < width; col++) {
            String[] values = new String[keys.size()];
            for (int i = 0; i < keys.size(); i++) {
                values[i] = keys.get(i).get(col);
            }
            ps.setArray(index++, c.createArrayOf("text", values));
        }
        return index;
    }

    /** Reads every row's columns as text. */
    static List<List<String>> readKeys(ResultSet rs, int width) throws SQLException {
        List<List<String>> out = new ArrayList<>();
        while (rs.next()) {
            List<String> key = new ArrayList<>(width);
            for (int i = 1; i <= width; i++) {
                key.add(rs.getString(i));
            }
            out.add(key);
        }
        return out;
    }
}
