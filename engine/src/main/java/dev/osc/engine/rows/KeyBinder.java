package dev.osc.engine.rows;

import dev.osc.engine.copy.Bound;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** Binds key values (as text) to the dialect's {@link RowStatements} and reads keys back. */
public interface KeyBinder {
    /** Binds one bound's key where a statement compares with it; returns the next index. */
    int bindKey(PreparedStatement ps, int index, List<String> key) throws SQLException;

    /** Binds a key list; returns the next index. */
    int bindKeyList(Connection c, PreparedStatement ps, int index, List<List<String>> keys) throws SQLException;

    /** Binds the lower bound (when it is a key), then the upper (when it is a key); returns the next index. */
    default int bindRange(PreparedStatement ps, int index, Bound lower, Bound upper) throws SQLException {
        if (lower.kind() == Bound.Kind.KEY) {
            index = bindKey(ps, index, lower.key());
        }
        if (upper.kind() == Bound.Kind.KEY) {
            index = bindKey(ps, index, upper.key());
        }
        return index;
    }

    /** Binds a selection: its key list, then its bounds. */
    default int bind(Connection c, PreparedStatement ps, int index, RowSelection rows) throws SQLException {
        if (rows.byKeyList()) {
            index = bindKeyList(c, ps, index, rows.keys());
        }
        return bindRange(ps, index, rows.lower(), rows.upper());
    }

    /** Reads every row as a key (the statements that return keys select only the key's columns), as text. */
    default List<List<String>> readKeys(ResultSet rs) throws SQLException {
        int width = rs.getMetaData().getColumnCount();
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
