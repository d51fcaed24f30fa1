package dev.osc.engine.shadow;

import dev.osc.cutover.BlockingSessions;
import dev.osc.cutover.CutoverSteps;
import dev.osc.cutover.RetriableCutoverException;
import dev.osc.engine.copy.CopyLoop;
import dev.osc.engine.copy.DirtyKeys;
import dev.osc.engine.copy.KeyApplier;
import java.time.Duration;
import java.util.function.Consumer;

/**
 * One write-blocking window, the same on every database: catch up before locking (a sentinel
 * through the stream, then the changes it brought, so the fence and the final apply are short), the dialect's lock, the sentinel fence, the final apply with the hold's applier
 * (one that can read the source while the lock is held), the check that no changed key is left,
 * and that the source's definition is the one the run started from, then the hold's action (invariant 5). Retriable failures are reported before they are thrown.
 */
public final class LockedWindow implements CutoverSteps {
    private final WriterHold hold;
    private final CopyLoop loop;
    private final KeyApplier catchUpApplier;
    private final DirtyKeys dirty;
    private final FenceWriter fence;
    private final Duration fenceTimeout;
    private final Consumer<String> onRetry;
    /** Fence waits that time out in a row, each under the writers' hold, before the hold gives up. */
    static final int FENCE_TIMEOUTS = 3;
    private int fenceTimeouts;
    private final SourceShape shape;
    private boolean flushedUncommitted;

    public LockedWindow(WriterHold hold, CopyLoop loop, KeyApplier catchUpApplier, DirtyKeys dirty, FenceWriter fence,
                        Duration fenceTimeout, Consumer<String> onRetry, SourceShape shape) {
        this.shape = shape;
        this.hold = hold;
        this.loop = loop;
        this.catchUpApplier = catchUpApplier;
        this.dirty = dirty;
        this.fence = fence;
        this.fenceTimeout = fenceTimeout;
        this.onRetry = onRetry;
    }

    @Override
    public void lock() throws Exception {
        flushedUncommitted = false;
        // the stream first delivers a sentinel written now, writers not held: the fence under the hold then waits
        // only for the hold's own moment, not for a backlog of decoding (right after the copy, say); one still
        // behind after the wait is waited for under the hold, as before
        fence.writeAndAwait(fenceTimeout);
        loop.applyAvailable(catchUpApplier);
        try {
            hold.lock();
        } catch (RetriableCutoverException e) {
            onRetry.accept(e.getMessage());
            throw e;
        }
    }

    @Override
    public void fence() throws Exception {
        if (!fence.writeAndAwait(fenceTimeout)) {
            String reason = "the sentinel did not come back through the change stream within " + fenceTimeout.toMillis() + " ms";
            if (++fenceTimeouts >= FENCE_TIMEOUTS) {
                // each try held writers for the whole wait: a stream this far behind is not waited for again
                throw new IllegalStateException(reason + ", " + FENCE_TIMEOUTS + " times in a row: the change stream is too far "
                        + "behind to hold writers for it");
            }
            onRetry.accept(reason);
            throw new RetriableCutoverException(reason);
        }
        fenceTimeouts = 0;
    }

    @Override
    public void flush() throws Exception {
        flushedUncommitted = !hold.holderCommits();
        loop.applyAll(hold.holderApplier());
    }

    /** Nothing left to apply, and the source still has the definition the shadow was built from (no DDL can slip in now). */
    @Override
    public void assertCaughtUp() throws Exception {
        if (dirty.size() != 0) {
            throw new IllegalStateException(dirty.size() + " changed keys are still waiting after the final apply");
        }
        notRetriedOnceFlushed(() -> shape.check(hold.connection()));
    }

    @Override
    public void swap() throws Exception {
        notRetriedOnceFlushed(hold::whileHeld);
    }

    /** A step after a final apply whose writes the abandon would roll back: its retriable failure must fail the run instead. */
    private void notRetriedOnceFlushed(Step step) throws Exception {
        try {
            step.run();
        } catch (RetriableCutoverException e) {
            if (flushedUncommitted) {
                throw new IllegalStateException(e.getMessage() + " (after the final apply, so not retried)", e);
            }
            throw e;
        }
    }

    @FunctionalInterface
    private interface Step {
        void run() throws Exception;
    }

    @Override
    public void commit() throws Exception {
        hold.release();
    }

    @Override
    public void rollback() throws Exception {
        hold.abandon();
    }

    @Override
    public BlockingSessions blockers() {
        return hold.blockers();
    }
}
