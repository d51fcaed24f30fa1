package dev.osc.bench;

import dev.osc.engine.mysql.MyIdentifiers;
import dev.osc.engine.pg.PgIdentifiers;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/** A table {@code osc bench fixture} generated: its name, shape and row count, on one database family. */
record FixtureTable(String name, FixtureShape shape, long rows, boolean pg) {

    /** The fixture called {@code table}, as recorded in {@code _osc_fixture}; refused (exit 3) if it is none. */
    static FixtureTable find(Connection c, String table) throws SQLException, FixtureGenerator.Refused {
        boolean pg = c.getMetaData().getURL().startsWith("jdbc:postgresql:");
        try (PreparedStatement ps = c.prepareStatement("SELECT shape, rows_done FROM _osc_fixture WHERE table_name = ?")) {
            ps.setString(1, table);
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    return new FixtureTable(table, FixtureShape.valueOf(rs.getString(1)), rs.getLong(2), pg);
                }
            }
        } catch (SQLException e) {
            if (!"42P01".equals(e.getSQLState()) && !"42S02".equals(e.getSQLState())) {
                throw e;
            }
        }
        throw new FixtureGenerator.Refused(3, "table " + table + " is not an osc fixture; create one with: osc bench fixture --table " + table);
    }

    /** The same shape and rows under another name (a copy of this table). */
    FixtureTable named(String other) {
        return new FixtureTable(other, shape, rows, pg);
    }

    String quoted() {
        return quote(name);
    }

    String quote(String identifier) {
        return pg ? PgIdentifiers.quote(identifier) : MyIdentifiers.quote(identifier);
    }
}
