package dev.osc.engine.copy;

import java.sql.Connection;
import java.util.List;

/** Compares source and shadow chunk by chunk in one snapshot (invariant 6); the SQL is the dialect's. */
public interface Checksum {

    /**
     * Compares with the source read on {@code sourceSnapshot} and the shadow on
     * {@code shadowSnapshot}, concurrently. Both transactions must see the same moment: they are
     * opened while writers are held and every change has been applied, so nothing moves between
     * them (one connection may be passed twice; then the sides run one after the other).
     */
    Result compare(Connection sourceSnapshot, Connection shadowSnapshot) throws Exception;

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
