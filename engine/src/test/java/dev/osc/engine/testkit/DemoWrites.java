package dev.osc.engine.testkit;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The writes on a {@link DemoTable}: inserts, updates (some leaving the large column alone), NULLs,
 * unicode, deletes, primary-key updates, swaps of unique values between rows, updates of large
 * values and of JSON. Every transaction applies the same statements, with the same bound values, to
 * the oracle and then to the table. Each writer owns the ids congruent to its number, so writers
 * never conflict with each other: any error a writer sees came from somewhere else (from osc, in a
 * test).
 *
 * <p>One exception InnoDB makes to "writers never conflict": writing a key into a unique secondary
 * index that still holds a delete-marked copy of it (a swap moves an email from one row to another,
 * a primary-key update moves every entry) makes InnoDB's duplicate check lock the next index record
 * too, and that one may belong to another writer doing the same: a deadlock between writers on
 * disjoint rows (observed about once in 20,000 transactions with 8 writers at full speed). Like an
 * application would, a writer takes a deadlock (error 1213) as a rolled-back transaction and goes on:
 * it is {@link #expected expected}, counted in {@link Workload#deadlocks()}, not in its errors.
 */
final class DemoWrites implements WorkloadShape {
    private static final int MARIADB_DEADLOCK = 1213;
    private static final List<String> OPERATIONS = List.of("insert", "balance", "note", "delete", "move-key", "swap-emails",
            "big", "doc");

    private final DemoTable table;
    private final long existingRows;

    DemoWrites(DemoTable table, long existingRows) {
        this.table = table;
        this.existingRows = existingRows;
    }

    @Override
    public List<String> operations() {
        return OPERATIONS;
    }

    @Override
    public boolean expected(SQLException e) {
        return table.flavour() == DemoTable.Flavour.MARIADB && e.getErrorCode() == MARIADB_DEADLOCK;
    }

    @Override
    public Writer writer(int index, int threads) {
        return new OwnRows(index, threads);
    }

    /** One writer: the ids congruent to its number among the original rows, and the new ones it creates. */
    private final class OwnRows implements Writer {
        private final int writer;
        private final int threads;
        private final long firstNew;
        private long nextId;

        OwnRows(int writer, int threads) {
            this.writer = writer;
            this.threads = threads;
            this.firstNew = ((existingRows / threads) + 2) * threads + writer + 1_000_000_000L;
            this.nextId = firstNew;
        }

        @Override
        public int transaction(Connection c, ThreadLocalRandom random) throws SQLException {
            long id = ownId(random);
            int draw = random.nextInt(9);
            switch (draw) {
                case 0, 1 -> {
                    long newId = takeNewId();
                    both(c, table.flavour().insert, newId, "w" + newId + "@example.com", random.nextInt(1000),
                            random.nextBoolean() ? null : "insérted ✓ " + newId, "{\"w\": " + writer + "}",
                            new byte[] {1, 2, (byte) writer}, random.nextInt(10) == 0 ? big(random) : null,
                            LocalDateTime.now().truncatedTo(ChronoUnit.MICROS));
                }
                case 2 -> both(c, "UPDATE %s SET balance = balance + ? WHERE id = ?", random.nextInt(100), id);
                case 3 -> both(c, table.flavour().updateNote, random.nextBoolean() ? null : "ñoté ✓ " + random.nextInt(), id);
                case 4 -> both(c, "DELETE FROM %s WHERE id = ?", id);
                case 5 -> both(c, "UPDATE %s SET id = ? WHERE id = ?", takeNewId(), id);
                case 6 -> swapEmails(c, id, ownId(random));
                case 7 -> both(c, "UPDATE %s SET big = ? WHERE id = ?", big(random), id);
                default -> both(c, table.flavour().updateDoc, random.nextInt(100), id);
            }
            return Math.max(0, draw - 1);
        }

        private long takeNewId() {
            long id = nextId;
            nextId += threads;
            return id;
        }

        /** A random id this writer owns: one of the original rows, or (30%) one it created. */
        private long ownId(ThreadLocalRandom random) {
            long created = (nextId - firstNew) / threads;
            if (created > 0 && random.nextInt(10) < 3) {
                return firstNew + random.nextLong(created) * threads;
            }
            return random.nextLong(existingRows / threads + 1) * threads + writer;
        }
    }

    /** A random text of about 12,000 characters: too large to stay in the row (TOAST, InnoDB off-page). */
    private static String big(ThreadLocalRandom random) {
        StringBuilder sb = new StringBuilder(12_016);
        while (sb.length() < 12_000) {
            sb.append(Long.toHexString(random.nextLong()));
        }
        return sb.toString();
    }

    /** Swaps the unique email of two rows: the classic case a REPLACE-style applier loses. */
    private void swapEmails(Connection c, long a, long b) throws SQLException {
        if (a == b) {
            return;
        }
        String ea = null;
        String eb = null;
        try (PreparedStatement ps = c.prepareStatement("SELECT id, email FROM " + table.quote(table.name())
                + " WHERE id IN (?, ?) FOR UPDATE")) {
            ps.setLong(1, a);
            ps.setLong(2, b);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    if (rs.getLong(1) == a) {
                        ea = rs.getString(2);
                    } else {
                        eb = rs.getString(2);
                    }
                }
            }
        }
        if (ea == null || eb == null) {
            return;
        }
        both(c, "UPDATE %s SET email = ? WHERE id = ?", "swap-" + a + "-" + b, a);
        both(c, "UPDATE %s SET email = ? WHERE id = ?", ea, b);
        both(c, "UPDATE %s SET email = ? WHERE id = ?", eb, a);
    }

    /**
     * Runs one statement on the oracle and the same on the table. The oracle runs first: its own
     * locks take the time the table's statement would, so a swap in progress delays both alike.
     */
    private void both(Connection c, String template, Object... args) throws SQLException {
        for (String t : new String[] {table.oracleName(), table.name()}) {
            try (PreparedStatement ps = c.prepareStatement(String.format(template, table.quote(t)))) {
                for (int i = 0; i < args.length; i++) {
                    ps.setObject(i + 1, args[i]);
                }
                ps.executeUpdate();
            }
        }
    }
}
