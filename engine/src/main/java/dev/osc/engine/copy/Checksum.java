package dev.osc.engine.copy;

import java.sql.Connection;
import java.util.List;

/** Compares source and shadow chunk by chunk in one snapshot (invariant 6); the SQL is the dialect's. */
public interface Checksum {

    /** Runs on {@code snapshot}, a connection whose transaction sees one consistent snapshot. */
    Result compare(Connection snapshot) throws Exception;

    /** A key range whose row counts or hashes differ. */
    record Mismatch(Bound lower, Bound upper, long sourceRows, long shadowRows) {
    }

    /** What one pass found. */
    record Result(long rows, long chunks, List<Mismatch> mismatches, String digest) {
        public boolean matches() {
            return mismatches.isEmpty();
        }
    }
}
