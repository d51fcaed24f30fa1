package dev.osc.engine.copy;

import java.sql.Connection;
import java.util.List;

/** Compares source and shadow chunk by chunk in one snapshot (invariant 6); the SQL is the dialect's. */
public interface Checksum {

    /**
     * Compares source and shadow, the chunks shared among {@code snapshots}, one worker per
     * connection reading both sides of its chunks. Every connection must see the same moment: one
     * snapshot shared while writers were held and every change had been applied, so nothing moves
     * between them. A connection passed more than once serves one worker.
     */
    Result compare(List<Connection> snapshots) throws Exception;

    /** A key range whose row counts or hashes differ. */
    record Mismatch(Bound lower, Bound upper, long sourceRows, long shadowRows) {
    }

    /** What one pass found; the mismatches in key order. */
    record Result(long rows, long chunks, List<Mismatch> mismatches, String digest) {
        public boolean matches() {
            return mismatches.isEmpty();
        }
    }
}
