package dev.osc.engine.rows;

import dev.osc.engine.copy.Bound;
import java.sql.Connection;
import java.sql.SQLException;

/** Records the copy watermark in the chunk's own open transaction on {@code c} (invariant 4). */
@FunctionalInterface
public interface Checkpoint {
    void record(Connection c, Bound upper, long rows) throws SQLException;
}
