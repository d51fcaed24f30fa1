package dev.osc.engine.run;

import java.io.PrintStream;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * SIGTERM or Ctrl-C while a direct ALTER runs: the statement is cancelled on the server (a server
 * finishes, and commits, a statement whose client has gone away) and one line says how it ended:
 * cancelled with the table unchanged, or finished in time with the table altered.
 */
public final class DirectInterrupt implements AutoCloseable {
    private static final long OUTCOME_WAIT_MILLIS = 30_000;
    private static final long CANCEL_AGAIN_MILLIS = 200;

    private final AtomicReference<Statement> running = new AtomicReference<>();
    private final CountDownLatch ended = new CountDownLatch(1);
    private final Orchestrator.ShutdownHooks hooks;
    private final PrintStream log;
    private final Thread hook;
    private volatile boolean altered;
    private volatile boolean stopping;

    DirectInterrupt(Orchestrator.ShutdownHooks hooks, PrintStream log) {
        this.hooks = hooks;
        this.log = log;
        this.hook = new Thread(this::onShutdown, "osc-cancel-direct-ddl");
        hooks.add(hook);
    }

    /** The direct DDL announces each attempt's statement just before it executes it; none starts once a signal came. */
    public void running(Statement statement) {
        running.set(statement);
        if (stopping) {
            throw new RunInterrupted("interrupted (" + ShutdownSignal.describe() + ") before the direct ALTER", null);
        }
    }

    /** The ALTER committed. */
    void altered() {
        altered = true;
    }

    private void onShutdown() {
        stopping = true;
        long waited = 0;
        try {
            // cancelled again until the statement has ended: one announced a moment before it started is cancelled too
            while (!altered && !ended.await(waited == 0 ? 0 : CANCEL_AGAIN_MILLIS, TimeUnit.MILLISECONDS)
                    && waited < OUTCOME_WAIT_MILLIS) {
                cancel(running.get());
                waited += CANCEL_AGAIN_MILLIS;
            }
            ended.await(Math.max(0, OUTCOME_WAIT_MILLIS - waited), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        String outcome = altered ? "it had finished; the table is altered"
                : ended.getCount() == 0 ? "cancelled on the server; the table is unchanged"
                : "asked the server to cancel it, but it had not ended after " + OUTCOME_WAIT_MILLIS / 1000 + " s: check the table";
        log.println("osc: interrupted (" + ShutdownSignal.describe() + ") during the direct ALTER: " + outcome);
        log.flush();
    }

    private static void cancel(Statement statement) {
        if (statement == null) {
            return;
        }
        try {
            statement.cancel();
        } catch (SQLException ignored) {
            // the statement ended meanwhile; the outcome says how
        }
    }

    @Override
    public void close() {
        ended.countDown();
        hooks.remove(hook);
    }
}
