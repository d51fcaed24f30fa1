package dev.osc.engine.copy;

import java.util.List;
import java.util.Optional;

/** Copies key ranges from source to shadow, server side (dialect-specific SQL). */
public interface ChunkCopier {
    /** The key {@code rows} rows after {@code lower}; empty when fewer remain (the last chunk). */
    Optional<List<String>> upperBound(Bound lower, int rows) throws Exception;

    /**
     * Copies the rows above {@code lower} and up to {@code upper} and checkpoints {@code upper}
     * in the same transaction (invariant 4). Returns the rows copied and the stale keys to mark.
     */
    CopyOutcome copy(Bound lower, Bound upper) throws Exception;

    /** Deletes a key range from the shadow and copies it again (a checksum mismatch). */
    CopyOutcome recopy(Bound lower, Bound upper) throws Exception;
}
