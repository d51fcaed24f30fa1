package dev.osc.engine.mysql;

import dev.osc.engine.copy.Bound;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** Binds key values (as text) to the statements of {@link MyStatements}. */
final class MyBinder {
    private MyBinder() {
    }

    /** Binds one written-out key comparison; returns the next index. */
    static int bindComparison(PreparedStatement ps, int index, int[] order, List<String> key) throws SQLException {
        for (int part : order) {
            ps.setString(index++, key.get(part));
        }
        return index;
    }

    static int bindRange(PreparedStatement ps, int index, int[] order, Bound lower, Bound upper) throws SQLException {
        if (lower.kind() == Bound.Kind.KEY) {
            index = bindComparison(ps, index, order, lower.key());
        }
        if (upper.kind() == Bound.Kind.KEY) {
            index = bindComparison(ps, index, order, upper.key());
        }
        return index;
    }

    static int bindKeyList(PreparedStatement ps, int index, List<List<String>> keys) throws SQLException {
        for (List<String> key : keys) {
            for (String part : key) {
                ps.setString(index++, part);
            }
        }
        return index;
    }

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
