package dev.osc.cutover;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Cancels the blockers that {@link BlockingSession#yields yield} to a waiting lock request, as the
 * server would had the request waited past its deadlock timeout. Each session is asked once: one
 * still in the way after its cancel, or one the server refuses to cancel (a role without the right,
 * named once), is then waited for like any other blocker, with the caller's backoff.
 */
public final class YieldingBlockers {
    private final Set<Long> asked = new HashSet<>();

    /** Cancels each yielding session among {@code blockers} not asked before, one line each on {@code log}; true when one was. */
    public boolean cancel(BlockingSessions sessions, List<BlockingSession> blockers, Consumer<String> log) {
        boolean any = false;
        for (BlockingSession b : blockers) {
            if (!b.yields() || !asked.add(b.id())) {
                continue;
            }
            try {
                if (sessions.cancel(b)) {
                    log.accept("cancelled " + b.describe() + ": it gives way to a lock request that waits on it; the server runs it again later");
                    any = true;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return any;
            } catch (Exception e) {
                log.accept("could not cancel session " + b.id() + ": " + Cutover.describe(e) + "; waiting for it to finish");
            }
        }
        return any;
    }
}
