package dev.osc.engine.pg;

import dev.osc.engine.check.CheckContext;
import dev.osc.engine.check.LeftoverNamesCheck;
import dev.osc.engine.model.TableName;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * On PostgreSQL a table shares its namespace with indexes, sequences and views, so any relation
 * with a name the run needs blocks it; so does a publication of an earlier run (named
 * {@code osc_...}) still publishing the table, with the slot of the same name if it is left too.
 */
public final class PgLeftoverNamesCheck extends LeftoverNamesCheck {

    @Override
    protected List<String> taken(CheckContext context) throws SQLException {
        List<String> out = new ArrayList<>();
        for (TableName t : existing(context, context.runTables())) {
            out.add("table " + t);
        }
        try (PreparedStatement ps = context.connection().prepareStatement(
                "SELECT p.pubname, EXISTS (SELECT 1 FROM pg_replication_slots s WHERE s.slot_name = p.pubname) "
                        + "FROM pg_publication_tables p WHERE p.schemaname = ? AND p.tablename = ? "
                        + "AND p.pubname LIKE 'osc\\_%' AND p.pubname <> ? ORDER BY 1")) {
            ps.setString(1, context.table().name().schema());
            ps.setString(2, context.table().name().name());
            // a run resuming after a crash publishes through the publication it made before
            ps.setString(3, context.resumedRun() == null ? "" : new PgRunNames(context.table().name(), context.resumedRun()).publication());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add("publication " + rs.getString(1) + (rs.getBoolean(2) ? " (and its replication slot)" : ""));
                }
            }
        }
        return out;
    }

    /** Those of {@code names} that a relation of any kind already has, in the order given. */
    static List<TableName> existing(CheckContext context, List<TableName> names) throws SQLException {
        List<TableName> out = new ArrayList<>();
        try (PreparedStatement ps = context.connection().prepareStatement(
                "SELECT 1 FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = ? AND c.relname = ?")) {
            for (TableName t : names) {
                ps.setString(1, t.schema());
                ps.setString(2, t.name());
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        out.add(t);
                    }
                }
            }
        }
        return out;
    }
}
