package dev.osc.engine.shadow;

import dev.osc.cutover.CutoverSteps;
import dev.osc.cutover.RetriableCutoverException;
import dev.osc.engine.copy.KeyApplier;

/**
 * The database-independent steps of a write-blocking window: catch up before locking (so the
 * final apply is short), the sentinel fence, the final apply with the applier the dialect picked
 * (one that can read the source while the lock is held), and the check that nothing is left.
 */
public abstract class LockedWindow implements CutoverSteps {
    protected final LockedContext context;
    private final KeyApplier finalApplier;

    protected LockedWindow(LockedContext context, KeyApplier finalApplier) {
        this.context = context;
        this.finalApplier = finalApplier;
    }

    /** Applies what waits before writers are held. Call at the start of {@link #lock()}. */
    protected void catchUpBeforeLock() throws Exception {
        context.loop().applyAvailable(context.catchUpApplier());
    }

    /** Reports a retriable failure and returns the exception to throw. */
    protected RetriableCutoverException retry(String reason, Throwable cause) {
        context.onRetry().accept(reason);
        return new RetriableCutoverException(reason, cause);
    }

    @Override
    public void fence() throws Exception {
        if (!context.fence().writeAndAwait(context.fenceTimeout())) {
            throw retry("the sentinel did not come back through the change stream within "
                    + context.fenceTimeout().toMillis() + " ms", null);
        }
    }

    @Override
    public void flush() throws Exception {
        context.loop().applyAll(finalApplier);
    }

    @Override
    public void assertCaughtUp() {
        if (context.dirty().size() != 0) {
            throw new IllegalStateException(context.dirty().size() + " changed keys are still waiting after the final apply");
        }
    }
}
