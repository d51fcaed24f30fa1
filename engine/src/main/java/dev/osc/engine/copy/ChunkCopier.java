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
     * The chunk is copied for the first time: its whole range lies above the committed watermark,
     * where the shadow holds no row (invariant 3; a resumed run calls {@link #discardAbove} first,
     * and the chunks of one step do not overlap). A row found there stops the copy with an error.
     */
    CopyOutcome copy(Bound lower, Bound upper) throws Exception;

    /**
     * Copies a chunk in a transaction left open, for copy workers that commit in key order, the
     * last chunk of a step with the step's checkpoint. By default the chunk is copied and committed
     * (and checkpointed) at once.
     */
    default Staged stage(Bound lower, Bound upper) throws Exception {
        CopyOutcome done = copy(lower, upper);
        return new Staged() {
            @Override
            public CopyOutcome outcome() {
                return done;
            }

            @Override
            public void commit() {
            }

            @Override
            public void commitWithCheckpoint(long stepRows) {
            }

            @Override
            public void rollback() {
            }
        };
    }

    /** A chunk copied in an open transaction. */
    interface Staged {
        CopyOutcome outcome();

        /** Commits the chunk without a checkpoint (a chunk below the last of its step). */
        void commit() throws Exception;

        /**
         * Checkpoints the chunk's upper bound, counting {@code stepRows} rows copied, and commits, in
         * the chunk's own transaction (invariant 4): the last chunk of a step, once the others committed.
         */
        void commitWithCheckpoint(long stepRows) throws Exception;

        /** Undoes the chunk; never throws. */
        void rollback();
    }

    /**
     * Deletes the shadow's rows above {@code bound}: a run resumed after a crash may find chunks of
     * a step above its checkpoint committed; they are copied again, and the changes to them applied.
     */
    default void discardAbove(Bound bound) throws Exception {
    }

    /** Deletes a key range from the shadow and copies it again (a checksum mismatch). */
    CopyOutcome recopy(Bound lower, Bound upper) throws Exception;
}
