package dev.osc.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code osc bench workload}: a mixed load on a fixture table at a target rate, with latency histograms and an optional oracle. */
@Command(name = "workload", mixinStandardHelpOptions = true,
        description = "Run inserts, updates, deletes and point reads on a fixture table at a target rate; report latency (HdrHistogram).")
final class WorkloadCommand implements Callable<Integer> {
    @Mixin
    WorkloadOptions workload;

    @Option(names = "--duration", defaultValue = "30s", paramLabel = "D", description = "how long to run: 30s, 5m, 1h (default 30s)")
    String duration;

    @Option(names = "--oracle", description = "keep a copy <table>_oracle in the same transactions and compare it with the table at the end")
    boolean oracle;

    @Option(names = "--report", paramLabel = "FILE.json", description = "also write the figures as JSON")
    Path report;

    @Override
    public Integer call() throws Exception {
        String jdbc;
        Duration length;
        WorkloadSpec spec;
        try {
            jdbc = BenchOptions.jdbcUrl(workload.url);
            length = BenchOptions.duration("--duration", duration);
            spec = workload.spec(Duration.ZERO);
            if (length.isZero()) {
                throw new IllegalArgumentException("--duration must be more than 0");
            }
        } catch (IllegalArgumentException e) {
            System.err.println("osc bench workload: " + e.getMessage());
            return 2;
        }
        try (Connection c = DriverManager.getConnection(jdbc)) {
            FixtureTable fixture = FixtureTable.find(c, workload.table);
            OracleTable copy = oracle ? OracleTable.create(c, fixture) : null;
            try {
                PhaseClock phases = PhaseClock.system();
                phases.enter("run");
                System.err.printf(Locale.ROOT, "osc bench workload: %s (%s, %,d rows), %d threads at %s, mix %s, for %d s%n",
                        fixture.name(), fixture.shape().name().toLowerCase(Locale.ROOT), fixture.rows(), spec.threads(),
                        spec.rate() == 0 ? "full speed" : spec.rate() + " tx/s", spec.mix(), length.toSeconds());
                FixtureLoad load = spec.start(jdbc, fixture, copy == null ? null : copy.name(), phases);
                try (load) {
                    Thread.sleep(length.toMillis());
                }
                WorkloadReport figures = new WorkloadReport(load, length);
                Long differences = copy == null ? null : copy.differences(c);
                System.out.print(figures.text(differences));
                if (report != null) {
                    try {
                        Files.writeString(report, figures.json(differences));
                    } catch (java.io.IOException e) {
                        System.err.println("osc bench workload: cannot write " + report + ": " + e.getMessage());
                        return 1;
                    }
                }
                return differences != null && differences > 0 ? 1 : 0;
            } finally {
                if (copy != null) {
                    copy.drop(c);
                }
            }
        } catch (FixtureGenerator.Refused e) {
            System.err.println("osc bench workload: " + e.getMessage());
            return e.exit;
        } catch (SQLException e) {
            return BenchOptions.failed("workload", e);
        }
    }
}
