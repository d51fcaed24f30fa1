package dev.osc.bench;

import dev.osc.engine.mysql.MyIdentifiers;
import dev.osc.engine.pg.PgIdentifiers;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.OptionalLong;

/**
 * Generates a fixture of N rows server side, batch by batch (no rows through the JVM): each
 * batch's rows and the number of rows done commit together in the {@code _osc_fixture} table,
 * so an interrupted run resumes exactly where it stopped, without duplicates. Secondary indexes
 * (PostgreSQL) are built once at the end.
 */
final class FixtureGenerator {
    /** Why the generator refused to start: exit status 2 (bad input) or 3 (refused). */
    static final class Refused extends Exception {
        final int exit;

        Refused(int exit, String message) {
            super(message);
            this.exit = exit;
        }
    }

    /** What a run did. */
    record Result(long rowsDone, long rowsAdded, double seconds, long bytesOnDisk) {
        double rowsPerSecond() {
            return seconds == 0 ? 0 : rowsAdded / seconds;
        }
    }

    private final String url;
    private final String table;
    private final FixtureShape shape;
    private final long rows;
    private final boolean resume;
    private final long batch;
    private final PrintStream err;
    private final boolean pg;

    FixtureGenerator(String url, String table, FixtureShape shape, long rows, boolean resume, long batch, PrintStream err) {
        this.url = url;
        this.table = table;
        this.shape = shape;
        this.rows = rows;
        this.resume = resume;
        this.batch = batch;
        this.err = err;
        this.pg = url.startsWith("jdbc:postgresql:");
    }

    Result run() throws SQLException, Refused {
        try (Connection c = DriverManager.getConnection(url)) {
            String quoted = pg ? PgIdentifiers.quote(table) : MyIdentifiers.quote(table);
            try (Statement st = c.createStatement()) {
                st.execute("CREATE TABLE IF NOT EXISTS _osc_fixture (table_name varchar(128) PRIMARY KEY, shape varchar(16) NOT NULL, "
                        + "rows_done bigint NOT NULL)");
            }
            OptionalLong done = rowsDone(c);
            boolean exists = tableExists(c);
            if (exists && !resume) {
                throw new Refused(2, "table " + table + " exists; add --resume to continue a fixture, or drop it");
            }
            if (exists && done.isEmpty()) {
                throw new Refused(3, "table " + table + " exists but is not an osc fixture; refusing to add rows to it");
            }
            long from = exists ? done.orElse(0) : 0;
            long need = Math.max(0, rows - from) * shape.bytesPerRow;
            err.printf(Locale.ROOT, "osc bench fixture: %,d rows of shape %s into %s; about %,d MiB more on disk%n",
                    rows, shape.name().toLowerCase(Locale.ROOT), table, need / 1024 / 1024);
            OptionalLong free = freeBytes(c);
            if (free.isPresent() && need > free.getAsLong() * 0.9) {
                throw new Refused(3, String.format(Locale.ROOT, "the server's disk has %,d MiB free, the fixture needs about %,d MiB",
                        free.getAsLong() / 1024 / 1024, need / 1024 / 1024));
            }
            if (!exists) {
                try (Statement st = c.createStatement()) {
                    st.execute(FixtureShape.render(pg ? shape.pgCreate : shape.myCreate, quoted, 0, 0));
                }
                upsertDone(c, 0);
            }
            long start = System.nanoTime();
            long at = from;
            c.setAutoCommit(false);
            while (at < rows) {
                long hi = Math.min(rows, at + batch);
                try (Statement st = c.createStatement()) {
                    st.execute(FixtureShape.render(pg ? shape.pgBatch : shape.myBatch, quoted, at + 1, hi));
                }
                upsertDone(c, hi);
                c.commit();
                at = hi;
                double seconds = (System.nanoTime() - start) / 1e9;
                double rate = (at - from) / Math.max(seconds, 1e-3);
                err.printf(Locale.ROOT, "osc bench fixture: %,d/%,d rows (%d%%), %,.0f rows/s, ETA %,.0f s%n", at, rows,
                        at * 100 / Math.max(rows, 1), rate, (rows - at) / Math.max(rate, 1));
            }
            c.setAutoCommit(true);
            if (pg && !shape.pgIndexes.isEmpty() && at > from) {
                // the first run that completes builds them; a resumed run finds them already there
                boolean build = !hasSecondaryIndex(c);
                try (Statement st = c.createStatement()) {
                    for (String index : shape.pgIndexes.split(";")) {
                        if (build && !index.isBlank()) {
                            st.execute(FixtureShape.render(index.strip(), quoted, 0, 0));
                        }
                    }
                    st.execute("ANALYZE " + quoted);
                }
            }
            return new Result(at, at - from, (System.nanoTime() - start) / 1e9, bytesOnDisk(c, quoted));
        }
    }

    private OptionalLong rowsDone(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT rows_done FROM _osc_fixture WHERE table_name = ?")) {
            ps.setString(1, table);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? OptionalLong.of(rs.getLong(1)) : OptionalLong.empty();
            }
        }
    }

    private void upsertDone(Connection c, long done) throws SQLException {
        try (PreparedStatement up = c.prepareStatement("UPDATE _osc_fixture SET rows_done = ? WHERE table_name = ?")) {
            up.setLong(1, done);
            up.setString(2, table);
            if (up.executeUpdate() == 1) {
                return;
            }
        }
        try (PreparedStatement in = c.prepareStatement("INSERT INTO _osc_fixture (table_name, shape, rows_done) VALUES (?, ?, ?)")) {
            in.setString(1, table);
            in.setString(2, shape.name());
            in.setLong(3, done);
            in.executeUpdate();
        }
    }

    private boolean tableExists(Connection c) throws SQLException {
        String sql = pg ? "SELECT 1 FROM pg_class WHERE relname = ? AND relkind = 'r' AND pg_table_is_visible(oid)"
                : "SELECT 1 FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = ?";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, table);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    private boolean hasSecondaryIndex(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM pg_index i JOIN pg_class t ON t.oid = i.indrelid "
                + "WHERE t.relname = ? AND pg_table_is_visible(t.oid) AND NOT i.indisprimary")) {
            ps.setString(1, table);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1) > 0;
            }
        }
    }

    /** Free space of the server's data directory, when the server runs on this machine and says where that is. */
    private OptionalLong freeBytes(Connection c) {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(pg ? "SHOW data_directory" : "SELECT @@datadir")) {
            if (rs.next() && rs.getString(1) != null) {
                Path dir = Path.of(rs.getString(1));
                if (Files.isDirectory(dir)) {
                    return OptionalLong.of(Files.getFileStore(dir).getUsableSpace());
                }
            }
        } catch (Exception unknown) {
            // a remote server or no privilege to see the setting: nothing to check against
        }
        return OptionalLong.empty();
    }

    private long bytesOnDisk(Connection c, String quoted) throws SQLException {
        String sql = pg ? "SELECT pg_total_relation_size(CAST(? AS regclass))"
                : "SELECT COALESCE(DATA_LENGTH, 0) + COALESCE(INDEX_LENGTH, 0) FROM information_schema.TABLES "
                + "WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = ?";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, pg ? quoted : table);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getLong(1) : 0;
            }
        }
    }
}
