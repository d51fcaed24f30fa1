package dev.osc.cutover;

/** The database-specific statements of one cut-over attempt, run in order by {@link Cutover}. */
public interface CutoverSteps {

    /** Takes the lock with a bounded wait; throws {@link RetriableCutoverException} when the wait timed out. */
    void lock() throws Exception;

    /**
     * Writes a marker after the lock and waits for it to come back through the change stream; may throw
     * {@link RetriableCutoverException} on timeout.
     */
    void fence() throws Exception;

    /** Final apply of pending changes on the lock-holding connection. */
    void flush() throws Exception;

    /** Throws if anything is still pending. */
    void assertCaughtUp() throws Exception;

    /** The renames. */
    void swap() throws Exception;

    /** Releases the lock and makes the swap visible. */
    void commit() throws Exception;

    /** Releases without swapping; must be safe to call at any point, even if {@link #lock()} failed. */
    void rollback() throws Exception;

    /** Who may keep {@link #lock()} waiting; asked after a failed attempt was rolled back. */
    default BlockingSessions blockers() {
        return BlockingSessions.NONE;
    }
}
