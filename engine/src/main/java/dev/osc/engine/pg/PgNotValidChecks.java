package dev.osc.engine.pg;

import static dev.osc.engine.pg.PgIdentifiers.quote;

import dev.osc.engine.model.TableName;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * CHECK constraints the source holds as {@code NOT VALID}: old rows may violate them. The shadow
 * gets them from {@code LIKE ... INCLUDING ALL} as ordinary constraints, which the copy of those
 * rows would trip over, so they come off the shadow for the copy and go back on the new table in
 * the swap transaction, still {@code NOT VALID} (no scan: metadata only, under the swap's lock).
 */
final class PgNotValidChecks {
    private PgNotValidChecks() {
    }

    private static boolean mentions(String clause, String name) {
        return java.util.regex.Pattern.compile("(?i)(^|[^A-Za-z0-9_$])\"?" + java.util.regex.Pattern.quote(name) + "\"?($|[^A-Za-z0-9_$])")
                .matcher(clause).find();
    }

    /** Drops them from the shadow (as the ALTER left them) and returns the swap's actions that put them back. */
    static List<String> takeOff(Connection c, long sourceOid, long shadowOid, TableName shadow, String clause) throws SQLException {
        List<String> names = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT conname FROM pg_constraint WHERE conrelid = ? AND contype = 'c' AND NOT convalidated")) {
            ps.setLong(1, sourceOid);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    // one the clause names (to validate, drop or replace it) is the clause's: left as the ALTER made it
                    if (!mentions(clause, rs.getString(1))) {
                        names.add(rs.getString(1));
                    }
                }
            }
        }
        if (names.isEmpty()) {
            return List.of();
        }
        List<String> restore = new ArrayList<>();
        Array array = c.createArrayOf("text", names.toArray());
        try (PreparedStatement ps = c.prepareStatement("SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint "
                + "WHERE conrelid = ? AND contype = 'c' AND conname = ANY (?) ORDER BY conname")) {
            ps.setLong(1, shadowOid);
            ps.setArray(2, array);
            try (ResultSet rs = ps.executeQuery(); Statement st = c.createStatement()) {
                while (rs.next()) {
                    String definition = rs.getString(2).replaceFirst("\\s+NOT VALID$", "");
                    st.execute("ALTER TABLE " + quote(shadow) + " DROP CONSTRAINT " + quote(rs.getString(1)));
                    restore.add("ADD CONSTRAINT " + quote(rs.getString(1)) + " " + definition + " NOT VALID");
                }
            }
        }
        return restore;
    }
}
