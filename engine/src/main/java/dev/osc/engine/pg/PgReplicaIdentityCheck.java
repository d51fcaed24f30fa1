package dev.osc.engine.pg;

import dev.osc.engine.check.Check;
import dev.osc.engine.check.CheckContext;
import dev.osc.engine.check.CheckPhase;
import dev.osc.engine.model.TableInfo;
import java.sql.Array;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;

/**
 * The change stream learns a row's old key through the table's replica identity only: an update
 * or a delete logs the old values of the identity's columns. {@code DEFAULT} (the primary key) and
 * {@code FULL} log the whole key; an identity index logs its own columns, which must then hold
 * every key column, or a key update reaches the stream without its old key and the old row stays
 * in the shadow. {@code NOTHING} (also what an identity index that was dropped leaves) logs no old
 * key, and once the run publishes the table PostgreSQL refuses its updates and deletes.
 */
public final class PgReplicaIdentityCheck implements Check {
    @Override
    public String name() {
        return "replica-identity";
    }

    @Override
    public CheckPhase phase() {
        return CheckPhase.PLAN;
    }

    @Override
    public List<String> refusals(CheckContext context) throws SQLException {
        TableInfo table = context.table();
        if (!table.hasKey()) {
            return List.of();
        }
        try (PreparedStatement ps = context.connection().prepareStatement(
                "SELECT c.relreplident::text, ic.relname, ARRAY(SELECT a.attname::text FROM unnest(i.indkey) k(attnum) "
                        + "JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.attnum) "
                        + "FROM pg_class c LEFT JOIN pg_index i ON i.indrelid = c.oid AND i.indisreplident "
                        + "LEFT JOIN pg_class ic ON ic.oid = i.indexrelid WHERE c.oid = ?")) {
            ps.setLong(1, table.oid());
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return List.of();
                }
                String identity = rs.getString(1);
                String index = rs.getString(2);
                Array columns = rs.getArray(3);
                boolean nothing = "n".equals(identity) || ("i".equals(identity) && index == null);
                if (nothing) {
                    return List.of("table " + table.name() + " has REPLICA IDENTITY NOTHING" + ("i".equals(identity)
                            ? " (its replica identity index was dropped)" : "") + ": published for the run, its updates and "
                            + "deletes would fail; set REPLICA IDENTITY DEFAULT, FULL or USING INDEX first");
                }
                if ("i".equals(identity) && !Arrays.asList((String[]) columns.getArray()).containsAll(table.keyColumns())) {
                    return List.of("the replica identity index " + index + " of table " + table.name() + " leaves out part of its "
                            + table.keySource() + " (" + String.join(", ", table.keyColumns()) + "): an update of the key would "
                            + "reach the change stream without its old value; set REPLICA IDENTITY DEFAULT or FULL first");
                }
                return List.of();
            }
        }
    }
}
