package dev.osc.engine.shadow;

import dev.osc.engine.copy.KeyApplier;

/**
 * How one database holds writers on the source for a moment, and what it does while they are
 * held (open the checksum's snapshots, or swap the tables). The sequence around it (catch up,
 * fence, final apply, the check that nothing is left) is {@link LockedWindow}'s, written once.
 */
public interface WriterHold {

    /**
     * Takes the lock with a bounded wait; throws {@link dev.osc.cutover.RetriableCutoverException}
     * (with a reason an operator can act on) when it was not granted in time.
     */
    void lock() throws Exception;

    /** The connection that holds the lock (the source's definition is read on it while held). */
    java.sql.Connection connection();

    /** An applier that can read the source while the lock is held (on the lock's own connection where the lock demands it). */
    KeyApplier holderApplier();

    /**
     * Whether {@link #holderApplier} commits what it applies. When it does not (it writes inside
     * the lock's own transaction), an attempt abandoned after the final apply would roll back keys
     * already counted as applied, so such an attempt is not retried.
     */
    default boolean holderCommits() {
        return true;
    }

    /** Runs while writers are held, after every change was applied (invariant 5). */
    void whileHeld() throws Exception;

    /** Lets writers go, making what {@link #whileHeld} did visible. */
    void release() throws Exception;

    /** Lets writers go without anything done; safe to call at any point, even when {@link #lock} failed. */
    void abandon() throws Exception;

    /** Who may keep {@link #lock} waiting, found and ended on the hold's connection once it let go. */
    default dev.osc.cutover.BlockingSessions blockers() {
        return dev.osc.cutover.BlockingSessions.NONE;
    }
}
