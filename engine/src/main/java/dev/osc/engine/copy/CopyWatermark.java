package dev.osc.engine.copy;

/**
 * The copy's two bounds. The copier publishes a chunk's upper bound before the chunk's statement
 * starts (invariant 2) and commits it once the chunk's transaction committed (invariant 3). A
 * dirty key is applied only at or below the committed bound; one above the published bound may
 * be dropped, because the chunk that copies it starts later and reads the change itself.
 */
public final class CopyWatermark {
    private volatile Bound published = Bound.none();
    private volatile Bound committed = Bound.none();

    /** Announces the chunk about to start; must be called before its statement runs. */
    public void publish(Bound upper) {
        if (upper.isNone()) {
            throw new IllegalArgumentException("a chunk always has an upper bound or is the last one");
        }
        if (committed.isAll()) {
            throw new IllegalStateException("the copy is already complete");
        }
        published = upper;
    }

    /** The published chunk committed: keys up to its bound may now be applied. */
    public void commitPublished() {
        committed = published;
    }

    /** Restores a checkpointed bound (nothing in flight). */
    public void restore(Bound bound) {
        published = bound;
        committed = bound;
    }

    public Bound published() {
        return published;
    }

    public Bound committed() {
        return committed;
    }

    public boolean copyComplete() {
        return committed.isAll();
    }

    /** True when a chunk is between publish and commit. */
    public boolean chunkInFlight() {
        return !published.equals(committed);
    }
}
