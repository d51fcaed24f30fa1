package dev.osc.bench;

import java.io.PrintStream;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Puts a fixture table back as the generator made it, so every tool of a side-by-side run starts
 * from the same table: row n is a pure function of n, so dropping the table (and what a tool may
 * have left beside it) and generating the same number of rows again gives identical contents;
 * PostgreSQL then vacuums it, so no tool pays for the first reader's hint bits.
 */
final class FixtureReset {
    private static final long BATCH = 1_000_000;

    private final String url;
    private final FixtureTable table;
    private final PrintStream log;

    /** {@code table} as it was found at the start (its row count is the one re-generated). */
    FixtureReset(String url, FixtureTable table, PrintStream log) {
        this.url = url;
        this.table = table;
        this.log = log;
    }

    /** Drops the table and {@code leftovers} beside it, then generates the fixture's rows again. */
    FixtureTable recreate(List<String> leftovers) throws SQLException, FixtureGenerator.Refused {
        log.printf(Locale.ROOT, "osc bench run: re-creating %s (%,d rows) so the next tool starts from the same table%n", table.name(),
                table.rows());
        List<String> drop = new ArrayList<>(List.of(table.name(), "_" + table.name() + "_osc_old"));
        drop.addAll(leftovers);
        try (Connection c = DriverManager.getConnection(url); Statement st = c.createStatement()) {
            c.setAutoCommit(true);
            for (String name : drop) {
                st.execute("DROP TABLE IF EXISTS " + table.quote(name));
            }
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM _osc_fixture WHERE table_name = ?")) {
                ps.setString(1, table.name());
                ps.executeUpdate();
            }
        }
        new FixtureGenerator(url, table.name(), table.shape(), table.rows(), false, BATCH, log).run();
        if (table.pg()) {
            try (Connection c = DriverManager.getConnection(url); Statement st = c.createStatement()) {
                st.execute("VACUUM (ANALYZE) " + table.quoted());
            }
        }
        return table;
    }
}
