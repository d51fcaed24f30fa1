package dev.osc.engine.run;

import java.io.PrintStream;
import java.time.Clock;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/** Prints one progress line a second to stderr: phase, rows, rate, ETA, changes, lag. */
public final class ProgressPrinter implements AutoCloseable {
    private final RunProgress progress;
    private final PrintStream out;
    private final Clock clock;
    private final LongSupplier lag;
    private final ScheduledExecutorService timer;
    private long lastRows;
    private long lastMillis;

    public ProgressPrinter(RunProgress progress, PrintStream out, Clock clock, LongSupplier lag) {
        this.progress = progress;
        this.out = out;
        this.clock = clock;
        this.lag = lag;
        this.lastMillis = clock.millis();
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "osc-progress");
            t.setDaemon(true);
            return t;
        });
        timer.scheduleAtFixedRate(this::print, 1, 1, TimeUnit.SECONDS);
    }

    void print() {
        long now = clock.millis();
        long rows = progress.rowsCopied.get();
        double seconds = Math.max(0.001, (now - lastMillis) / 1000.0);
        long rate = Math.round((rows - lastRows) / seconds);
        lastRows = rows;
        lastMillis = now;
        long total = Math.max(progress.estimatedRows.get(), rows);
        String phase = progress.phase.get();
        StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "osc [%s] rows %,d", phase, rows));
        if ("copy".equals(phase) && total > 0) {
            line.append(String.format(Locale.ROOT, "/%,d (%d%%), %,d rows/s", total, Math.min(100, rows * 100 / total), rate));
            if (rate > 0) {
                line.append(String.format(Locale.ROOT, ", ETA %d s", Math.max(0, (total - rows) / rate)));
            }
        }
        line.append(String.format(Locale.ROOT, ", changes applied %,d, waiting %,d, stream lag %d ms",
                progress.changesApplied.get(), progress.dirtyKeys.get(), lag.getAsLong()));
        out.println(line);
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
