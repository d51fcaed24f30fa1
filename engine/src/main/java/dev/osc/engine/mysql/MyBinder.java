package dev.osc.engine.mysql;

import dev.osc.engine.rows.KeyBinder;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;

/**
 * Binds key values (as text) to the statements of {@link MyStatements}: a bound as a written-out
 * comparison (its key parts in {@link MyStatements#comparisonOrder}), a key list one value per
 * placeholder.
 */
public final class MyBinder implements KeyBinder {
    private final int[] order;

    public MyBinder(int[] order) {
        this.order = order.clone();
    }

    @Override
    public int bindKey(PreparedStatement ps, int index, List<String> key) throws SQLException {
        for (int part : order) {
            ps.setString(index++, key.get(part));
        }
        return index;
    }

    @Override
    public int bindKeyList(Connection c, PreparedStatement ps, int index, List<List<String>> keys) throws SQLException {
        for (List<String> key : keys) {
            for (String part : key) {
                ps.setString(index++, part);
            }
        }
        return index;
    }
}
