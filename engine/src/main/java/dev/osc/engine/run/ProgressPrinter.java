package dev.osc.engine.run;

import java.io.PrintStream;
import java.time.Clock;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Prints one progress line a second to stderr: phase, rows, rate, ETA, changes applied and
 * waiting (the dirty-key backlog), stream lag, throttle reason. On a terminal ({@code out} a
 * {@link StatusLineStream}) the line is updated in place; otherwise it is one plain line each time.
 */
public final class ProgressPrinter implements AutoCloseable {
    private final RunProgress progress;
    private final PrintStream out;
    private final Clock clock;
    private final LongSupplier lag;
    private final ScheduledExecutorService timer;
    private long copyStartMillis = -1;
    private long copyStartRows;

    public ProgressPrinter(RunProgress progress, PrintStream out, Clock clock, LongSupplier lag) {
        this(progress, out, clock, lag, true);
    }

    /** Without {@code scheduled}, nothing prints on its own: the caller asks for lines ({@link #lineAt}). */
    public ProgressPrinter(RunProgress progress, PrintStream out, Clock clock, LongSupplier lag, boolean scheduled) {
        this.progress = progress;
        this.out = out;
        this.clock = clock;
        this.lag = lag;
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "osc-progress");
            t.setDaemon(true);
            return t;
        });
        if (scheduled) {
            timer.scheduleAtFixedRate(this::print, 1, 1, TimeUnit.SECONDS);
        }
    }

    void print() {
        String line = lineAt(clock.millis());
        if (out instanceof StatusLineStream terminal) {
            terminal.status(line);
        } else {
            out.println(line);
        }
    }

    /**
     * One progress line. The copy rate is the average since the copy began: chunks land in steps,
     * so a per-second rate would read 0 between them. "waiting" counts the changed keys the stream
     * delivered that are not applied to the shadow yet.
     */
    public synchronized String lineAt(long now) {
        long rows = progress.rowsCopied.get();
        String phase = progress.phase.get();
        if ("copy".equals(phase) && copyStartMillis < 0) {
            copyStartMillis = now;
            copyStartRows = rows;
        }
        long total = Math.max(progress.estimatedRows.get(), rows);
        StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "osc [%s] rows %,d", phase, rows));
        if ("copy".equals(phase) && total > 0) {
            double seconds = Math.max(0.001, (now - copyStartMillis) / 1000.0);
            long rate = Math.round((rows - copyStartRows) / seconds);
            line.append(String.format(Locale.ROOT, "/%,d (%d%%)", total, Math.min(100, rows * 100 / total)));
            if (rate > 0) {
                line.append(String.format(Locale.ROOT, ", %,d rows/s, ETA %d s", rate, Math.max(0, (total - rows) / rate)));
            }
        }
        line.append(String.format(Locale.ROOT, ", changes applied %,d, changed keys waiting %,d, stream lag %d ms",
                progress.changesApplied.get(), progress.dirtyKeys.get(), lag.getAsLong()));
        String throttled = progress.throttleReason.get();
        if (throttled != null) {
            line.append(", throttled: ").append(throttled);
        }
        return line.toString();
    }

    /** Stops printing; on a terminal the progress line is taken away once the last one is drawn. */
    @Override
    public void close() {
        timer.shutdownNow();
        if (out instanceof StatusLineStream terminal) {
            try {
                timer.awaitTermination(1, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            terminal.clear();
        }
    }
}
