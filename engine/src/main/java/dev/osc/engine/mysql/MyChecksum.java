package dev.osc.engine.mysql;

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

/** Source and shadow compared chunk by chunk (row count and sum of row CRC32s) in one consistent snapshot. */
public final class MyChecksum implements Checksum {
    private final MyStatements statements;
    private final int chunkRows;

    public MyChecksum(MyStatements statements, int chunkRows) {
        this.statements = statements;
        this.chunkRows = chunkRows;
    }

    @Override
    public Result compare(Connection snapshot, Connection shadowSnapshot) throws Exception {
        try (SideBySide sides = new SideBySide(snapshot, shadowSnapshot)) {
        List<Mismatch> mismatches = new ArrayList<>();
        Bound lower = Bound.none();
        long rows = 0;
        long chunks = 0;
        long digest = 0;
        int[] order = statements.comparisonOrder();
        while (true) {
            Optional<List<String>> next = upperBound(snapshot, lower, order);
            Bound upper = next.map(Bound::upTo).orElse(Bound.all());
            Bound lo = lower;
            java.util.concurrent.Future<long[]> shadowSide = sides.onShadow(c -> sums(c,
                    statements.checksumShadow(MyChunkCopier.isKey(lo), MyChunkCopier.isKey(upper)), order, lo, upper));
            long[] s = sums(snapshot, statements.checksumSource(MyChunkCopier.isKey(lower), MyChunkCopier.isKey(upper)), order, lower, upper);
            long[] t = sides.await(shadowSide);
            if (s[0] != t[0] || s[1] != t[1]) {
                mismatches.add(new Mismatch(lower, upper, s[0], t[0]));
            }
            rows += s[0];
            chunks++;
            digest = digest * 31 + s[1];
            if (upper.isAll()) {
                break;
            }
            lower = upper;
        }
        return new Result(rows, chunks, mismatches, Long.toHexString(digest));
        }
    }

    private Optional<List<String>> upperBound(Connection c, Bound lower, int[] order) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(statements.upperBound(MyChunkCopier.isKey(lower)))) {
            int i = MyBinder.bindRange(ps, 1, order, lower, Bound.none());
            ps.setInt(i, chunkRows - 1);
            try (ResultSet rs = ps.executeQuery()) {
                List<List<String>> keys = MyBinder.readKeys(rs, statements.keySize());
                return keys.isEmpty() ? Optional.empty() : Optional.of(keys.get(0));
            }
        }
    }

    private static long[] sums(Connection c, String sql, int[] order, Bound lower, Bound upper) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            MyBinder.bindRange(ps, 1, order, lower, upper);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return new long[] {rs.getLong(1), rs.getBigDecimal(2).longValue()};
            }
        }
    }
}
