package dev.osc.engine.rows;

import dev.osc.engine.copy.Bound;
import dev.osc.engine.copy.Checksum;
import java.math.BigInteger;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Compares source and shadow chunk by chunk (row count and sum of row hashes over the copied
 * columns) in one snapshot that the caller shared among its connections while writers were held
 * and every change was applied (invariant 6). One worker per connection takes the next chunk,
 * finds its upper bound on its own connection (every connection sees the same rows, so any of
 * them gives the same bound) and sums both sides of it; no worker waits for another's chunk.
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

    /** A chunk's place in key order and its range. */
    private record Chunk(long index, Bound lower, Bound upper) {
    }

    /** A chunk's row count and hash sum, each side. */
    private record Compared(Chunk chunk, long sourceRows, BigInteger sourceHash, long shadowRows, BigInteger shadowHash) {
        boolean matches() {
            return sourceRows == shadowRows && sourceHash.equals(shadowHash);
        }
    }

    /** Hands out the chunks in key order, each bound read on the asking worker's connection; stops at the last or when told. */
    private final class Chunks {
        private Bound lower = Bound.none();
        private long next;
        private boolean done;

        synchronized Optional<Chunk> next(Connection c) throws SQLException {
            if (done) {
                return Optional.empty();
            }
            Optional<List<String>> key = RowCopier.upperBound(c, statements, binder, lower, chunkRows - 1);
            Chunk chunk = new Chunk(next++, lower, key.map(Bound::upTo).orElse(Bound.all()));
            lower = chunk.upper();
            done = chunk.upper().isAll();
            return Optional.of(chunk);
        }

        synchronized void stop() {
            done = true;
        }
    }

    @Override
    public Result compare(List<Connection> snapshots) throws Exception {
        List<Connection> workers = List.copyOf(new LinkedHashSet<>(snapshots));
        if (workers.isEmpty()) {
            throw new IllegalArgumentException("at least one snapshot connection");
        }
        Chunks chunks = new Chunks();
        List<Compared> compared = new ArrayList<>();
        AtomicInteger n = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(workers.size(), r -> {
            Thread t = new Thread(r, "osc-checksum-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<List<Compared>>> running = new ArrayList<>();
            for (Connection c : workers) {
                running.add(pool.submit(() -> work(c, chunks)));
            }
            Exception failure = null;
            for (Future<List<Compared>> f : running) {
                try {
                    compared.addAll(f.get());
                } catch (ExecutionException e) {
                    Exception cause = e.getCause() instanceof Exception x ? x : e;
                    if (failure == null) {
                        failure = cause;
                    } else {
                        failure.addSuppressed(cause);
                    }
                }
            }
            if (failure != null) {
                throw failure;
            }
        } finally {
            pool.shutdownNow();
        }
        compared.sort(Comparator.comparingLong(c -> c.chunk().index()));
        List<Mismatch> mismatches = new ArrayList<>();
        long rows = 0;
        BigInteger digest = BigInteger.ZERO;
        for (Compared c : compared) {
            if (!c.matches()) {
                mismatches.add(new Mismatch(c.chunk().lower(), c.chunk().upper(), c.sourceRows(), c.shadowRows()));
            }
            rows += c.sourceRows();
            digest = digest.add(c.sourceHash());
        }
        return new Result(rows, compared.size(), mismatches, digest.toString(16));
    }

    /** One worker: chunks until none is left; a failure stops the others after their current chunk. */
    private List<Compared> work(Connection c, Chunks chunks) throws SQLException {
        List<Compared> done = new ArrayList<>();
        try {
            for (Optional<Chunk> next = chunks.next(c); next.isPresent(); next = chunks.next(c)) {
                Chunk chunk = next.get();
                boolean lower = isKey(chunk.lower());
                boolean upper = isKey(chunk.upper());
                Sum s = sum(c, queries.checksumSource(lower, upper), chunk);
                Sum t = sum(c, queries.checksumShadow(lower, upper), chunk);
                done.add(new Compared(chunk, s.rows(), s.hash(), t.rows(), t.hash()));
            }
        } catch (SQLException | RuntimeException e) {
            chunks.stop();
            throw e;
        }
        return done;
    }

    private record Sum(long rows, BigInteger hash) {
    }

    private Sum sum(Connection c, String sql, Chunk chunk) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            binder.bindRange(ps, 1, chunk.lower(), chunk.upper());
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
