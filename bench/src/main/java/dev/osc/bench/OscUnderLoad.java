package dev.osc.bench;

import dev.osc.engine.run.Engines;
import dev.osc.engine.run.OscException;
import dev.osc.engine.run.RunProgress;
import dev.osc.engine.run.RunResult;
import dev.osc.engine.run.RunSettings;
import java.io.PrintStream;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * osc's run on the table while the workload runs: a baseline period first, then the migration
 * (its phases marked on the timeline as osc enters them), then a short period after the swap.
 * One sample a second of write latency and copy progress; the heap sampled throughout.
 */
final class OscUnderLoad {
    /** Everything the run measured. */
    record Figures(RunResult result, String error, int exit, double seconds, FixtureLoad workload, PhaseClock phases,
                   List<SecondSample> samples, long heapPeakBaselineBytes, long heapPeakBytes, Long oracleDifferences,
                   String oracleError) {
    }

    private final String url;
    private final FixtureTable table;
    private final RunSettings settings;
    private final WorkloadSpec load;
    private final boolean oracle;
    private final long cooldownMillis;
    private final PrintStream log;

    OscUnderLoad(String url, FixtureTable table, RunSettings settings, WorkloadSpec load, boolean oracle, long cooldownMillis,
                 PrintStream log) {
        this.url = url;
        this.table = table;
        this.settings = settings;
        this.load = load;
        this.oracle = oracle;
        this.cooldownMillis = cooldownMillis;
        this.log = log;
    }

    Figures run(Connection c) throws SQLException, InterruptedException {
        OracleTable copy = null;
        if (oracle) {
            log.printf(Locale.ROOT, "osc bench run: copying %s to its oracle%n", table.name());
            copy = OracleTable.create(c, table);
        }
        try {
            return measure(c, copy);
        } finally {
            if (copy != null) {
                try {
                    copy.drop(c);
                } catch (SQLException e) {
                    log.println("osc bench run: could not drop the oracle " + copy.name() + ": " + e.getMessage());
                }
            }
        }
    }

    private Figures measure(Connection c, OracleTable copy) throws SQLException, InterruptedException {
        PhaseClock phases = PhaseClock.system();
        RunProgress progress = new RunProgress();
        List<SecondSample> samples = new ArrayList<>();
        AtomicBoolean started = new AtomicBoolean();
        ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "bench-ticker");
            t.setDaemon(true);
            return t;
        });
        phases.enter(PhaseClock.BASELINE);
        FixtureLoad workload = load.start(url, table, copy == null ? null : copy.name(), phases);
        RunResult result = new RunResult();
        String error = null;
        int exit = 0;
        long heapBaseline;
        long heapPeak;
        double seconds;
        try (workload) {
            ticker.scheduleAtFixedRate(() -> {
                SecondSample s = workload.writes().tick(() -> started.get() ? copiedFraction(progress) : Double.NaN);
                synchronized (samples) {
                    samples.add(s);
                }
            }, 1, 1, TimeUnit.SECONDS);
            log.printf(Locale.ROOT, "osc bench run: baseline for %d s under the workload%n", load.baseline().toSeconds());
            try (HeapSampler heap = HeapSampler.start()) {
                Thread.sleep(load.baseline().toMillis());
                heapBaseline = heap.stop();
            }
            System.gc();
            progress.onPhase(phases::enter);
            started.set(true);
            long t0 = System.nanoTime();
            try (HeapSampler heap = HeapSampler.start()) {
                try {
                    result = Engines.forUrl(url, log, Clock.systemUTC(), progress).alter(settings);
                } catch (OscException e) {
                    error = e.getMessage();
                    exit = e.status().code();
                } catch (Exception e) {
                    error = String.valueOf(e.getMessage()).lines().findFirst().orElse(e.getClass().getSimpleName());
                    exit = 1;
                }
                heapPeak = heap.stop();
            }
            if (error != null) {
                // what the failed run got through, for the report
                result.put("rowsCopied", progress.rowsCopied.get()).put("changesApplied", progress.changesApplied.get())
                        .put("streamLagMaxMs", progress.streamLagMaxMillis.get());
            }
            seconds = (System.nanoTime() - t0) / 1e9;
            phases.enter(PhaseClock.AFTER);
            Thread.sleep(cooldownMillis);
        } finally {
            ticker.shutdownNow();
        }
        Long differences = null;
        String oracleError = null;
        if (copy != null) {
            try {
                differences = copy.differences(c);
            } catch (SQLException e) {
                // e.g. the ALTER dropped a column or made one incomparable: the run's figures still stand
                oracleError = String.valueOf(e.getMessage()).lines().findFirst().orElse("");
            }
        }
        List<SecondSample> copyOfSamples;
        synchronized (samples) {
            copyOfSamples = List.copyOf(samples);
        }
        return new Figures(result, error, exit, seconds, workload, phases, copyOfSamples, heapBaseline, heapPeak, differences,
                oracleError);
    }

    private static double copiedFraction(RunProgress progress) {
        String phase = progress.phase.get();
        if (phase.equals("plan") || phase.equals("prepare") || phase.equals("capture")) {
            return 0;
        }
        if (!phase.equals("copy")) {
            return 1;
        }
        long total = Math.max(1, progress.estimatedRows.get());
        return Math.min(1.0, progress.rowsCopied.get() / (double) total);
    }
}
