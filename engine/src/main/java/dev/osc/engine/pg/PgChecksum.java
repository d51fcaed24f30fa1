package dev.osc.engine.pg;

import dev.osc.engine.copy.Bound;
import dev.osc.engine.copy.Checksum;
import dev.osc.engine.copy.SideBySide;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Compares source and shadow chunk by chunk over the copied columns, in one snapshot that the
 * caller took while writers were held and every change was applied (invariant 6).
 */
public final class PgChecksum implements Checksum {
    private final PgStatements statements;
    private final int chunkRows;
    private boolean recordHash;

    public PgChecksum(PgStatements statements, int chunkRows) {
        this.statements = statements;
        this.chunkRows = chunkRows;
    }

    /**
     * Chooses the row hash: the types' own hash functions when every copied column has one
     * (about twice as fast as hashing the text form), else the text form. Run outside the
     * snapshot transaction (a failed probe is rolled back).
     */
    public void chooseHash(Connection c) throws SQLException {
        boolean autoCommit = c.getAutoCommit();
        c.setAutoCommit(false);
        try (java.sql.Statement st = c.createStatement()) {
            st.executeQuery(statements.recordHashProbe()).close();
            recordHash = true;
        } catch (SQLException e) {
            recordHash = false;
        } finally {
            c.rollback();
            c.setAutoCommit(autoCommit);
        }
    }

    /** Runs on {@code snapshot}, a connection inside a REPEATABLE READ transaction. */
    @Override
    public Result compare(Connection snapshot, Connection shadowSnapshot) throws Exception {
        try (SideBySide sides = new SideBySide(snapshot, shadowSnapshot)) {
        List<Mismatch> mismatches = new ArrayList<>();
        Bound lower = Bound.none();
        long rows = 0;
        long chunks = 0;
        java.math.BigInteger digest = java.math.BigInteger.ZERO;
        while (true) {
            Optional<List<String>> next = upperBound(snapshot, lower);
            Bound upper = next.map(Bound::upTo).orElse(Bound.all());
            Bound lo = lower;
            java.util.concurrent.Future<long[]> shadowSide = sides.onShadow(c -> sum(c,
                    statements.checksumShadow(isKey(lo), isKey(upper), recordHash), lo, upper));
            long[] s = sum(snapshot, statements.checksumSource(isKey(lower), isKey(upper), recordHash), lower, upper);
            long[] t = sides.await(shadowSide);
            if (s[0] != t[0] || s[1] != t[1] || s[2] != t[2]) {
                mismatches.add(new Mismatch(lower, upper, s[0], t[0]));
            }
            rows += s[0];
            chunks++;
            digest = digest.add(java.math.BigInteger.valueOf(s[1]).shiftLeft(64).add(java.math.BigInteger.valueOf(s[2])));
            if (upper.isAll()) {
                break;
            }
            lower = upper;
        }
        return new Result(rows, chunks, mismatches, digest.toString(16));
        }
    }

    private static boolean isKey(Bound b) {
        return b.kind() == Bound.Kind.KEY;
    }

    private Optional<List<String>> upperBound(Connection c, Bound lower) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(statements.upperBound(isKey(lower)))) {
            int i = PgBinder.bindRange(ps, 1, lower, Bound.none());
            ps.setInt(i, chunkRows - 1);
            try (ResultSet rs = ps.executeQuery()) {
                List<List<String>> keys = PgBinder.readKeys(rs, statements.keySize());
                return keys.isEmpty() ? Optional.empty() : Optional.of(keys.get(0));
            }
        }
    }

    /** count, high and low 64 bits of the hash sum. */
    private static long[] sum(Connection c, String sql, Bound lower, Bound upper) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            PgBinder.bindRange(ps, 1, lower, upper);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                java.math.BigInteger total = rs.getBigDecimal(2).toBigIntegerExact();
                return new long[] {rs.getLong(1), total.shiftRight(64).longValue(), total.longValue()};
            }
        }
    }
}
