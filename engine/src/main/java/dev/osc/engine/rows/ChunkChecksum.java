package dev.osc.engine.rows;

import dev.osc.engine.copy.Bound;
import dev.osc.engine.copy.Checksum;
import dev.osc.engine.copy.SideBySide;
import java.math.BigInteger;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Future;

/**
 * Compares source and shadow chunk by chunk (row count and sum of row hashes over the copied
 * columns) in one snapshot that the caller took while writers were held and every change was
 * applied (invariant 6). The shadow side runs beside the source side.
 */
public final class ChunkChecksum implements Checksum {
    private final RowStatements statements;
    private final KeyBinder binder;
    private final ChecksumQueries queries;
    private final int chunkRows;

    public ChunkChecksum(RowDialect dialect, ChecksumQueries queries, int chunkRows) {
        this.statements = dialect.statements();
        this.binder = dialect.binder();
        this.queries = queries;
        this.chunkRows = chunkRows;
    }

    /** A chunk's row count and hash sum. */
    private record Sum(long rows, BigInteger hash) {
    }

    @Override
    public Result compare(Connection snapshot, Connection shadowSnapshot) throws Exception {
        try (SideBySide sides = new SideBySide(snapshot, shadowSnapshot)) {
            List<Mismatch> mismatches = new ArrayList<>();
            Bound lower = Bound.none();
            long rows = 0;
            long chunks = 0;
            BigInteger digest = BigInteger.ZERO;
            while (true) {
                Optional<List<String>> next = RowCopier.upperBound(snapshot, statements, binder, lower, chunkRows - 1);
                Bound upper = next.map(Bound::upTo).orElse(Bound.all());
                Bound lo = lower;
                Future<Sum> shadowSide = sides.onShadow(c -> sum(c, queries.checksumShadow(isKey(lo), isKey(upper)), lo, upper));
                Sum s = sum(snapshot, queries.checksumSource(isKey(lower), isKey(upper)), lower, upper);
                Sum t = sides.await(shadowSide);
                if (!s.equals(t)) {
                    mismatches.add(new Mismatch(lower, upper, s.rows(), t.rows()));
                }
                rows += s.rows();
                chunks++;
                digest = digest.add(s.hash());
                if (upper.isAll()) {
                    break;
                }
                lower = upper;
            }
            return new Result(rows, chunks, mismatches, digest.toString(16));
        }
    }

    private Sum sum(Connection c, String sql, Bound lower, Bound upper) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            binder.bindRange(ps, 1, lower, upper);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return new Sum(rs.getLong(1), rs.getBigDecimal(2).toBigIntegerExact());
            }
        }
    }

    private static boolean isKey(Bound b) {
        return b.kind() == Bound.Kind.KEY;
    }
}
