package dev.osc.engine.pg;

import dev.osc.engine.rows.KeyBinder;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;

/** Binds key values (as text) to the statements of {@link PgStatements}: a key list as one text array per key column. */
public final class PgBinder implements KeyBinder {
    private final int width;

    public PgBinder(int width) {
        this.width = width;
    }

    @Override
    public int bindKey(PreparedStatement ps, int index, List<String> key) throws SQLException {
        for (String part : key) {
            ps.setString(index++, part);
        }
        return index;
    }

    @Override
    public int bindKeyList(Connection c, PreparedStatement ps, int index, List<List<String>> keys) throws SQLException {
        for (int col = 0; col < width; col++) {
            String[] values = new String[keys.size()];
            for (int i = 0; i < keys.size(); i++) {
                values[i] = keys.get(i).get(col);
            }
            ps.setArray(index++, c.createArrayOf("text", values));
        }
        return index;
    }
}
