package dev.osc.engine.cli;

import dev.osc.engine.demo.DemoTable;
import dev.osc.engine.demo.EmbeddedPg;
import dev.osc.engine.demo.Workload;
import dev.osc.engine.run.Engines;
import dev.osc.engine.run.OscException;
import dev.osc.engine.run.RunProgress;
import dev.osc.engine.run.RunResult;
import dev.osc.engine.run.RunSettings;
import dev.osc.engine.run.Strategy;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code osc demo}: an embedded PostgreSQL, a table of {@code --rows} rows, a concurrent write
 * workload that keeps an oracle table in the same transactions, and an online
 * {@code ALTER COLUMN balance TYPE bigint} by the shadow path, checked against the oracle.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Alter a table online on an embedded PostgreSQL while writers keep writing, and prove nothing was lost.")
final class DemoCommand extends Streams implements Callable<Integer> {
    @Option(names = "--rows", defaultValue = "1000000", paramLabel = "N", description = "rows in the demo table (default 1,000,000)")
    long rows;

    @Option(names = "--writers", defaultValue = "4", paramLabel = "N", description = "concurrent writer threads (default 4)")
    int writers;

    @Option(names = "--rate", defaultValue = "400", paramLabel = "TPS", description = "write transactions per second (default 400)")
    int rate;

    @Override
    public Integer call() throws Exception {
        if (rows < 1 || rows > 100_000_000L) {
            throw OscException.badInput("--rows must be between 1 and 100,000,000");
        }
        if (writers < 1 || writers > 64) {
            throw OscException.badInput("--writers must be between 1 and 64");
        }
        err.println("osc demo: starting an embedded PostgreSQL (binaries from Maven, nothing installed)...");
        try (EmbeddedPg pg = EmbeddedPg.start(); Connection c = DriverManager.getConnection(pg.url())) {
            DemoTable table = new DemoTable("accounts");
            long t0 = System.nanoTime();
            table.create(c, rows);
            err.printf(Locale.ROOT, "osc demo: table accounts has %,d rows (%.1f s to generate); starting %d writers at %d tx/s%n",
                    rows, (System.nanoTime() - t0) / 1e9, writers, rate);
            RunResult result;
            Workload workload = new Workload(pg.url(), table, rows, writers, rate).start();
            try {
                Thread.sleep(1000);
                String alter = "ALTER COLUMN balance TYPE bigint";
                err.println("osc demo: osc alter --table accounts --alter \"" + alter + "\" --strategy shadow --execute");
                RunSettings settings = new RunSettings(pg.url(), null, null, "accounts", alter, true, Strategy.SHADOW, 0,
                        Duration.ofMillis(500), false, RunSettings.DEFAULT_DIRECT_THRESHOLD_BYTES, Duration.ofMillis(200),
                        true, true);
                result = Engines.forUrl(settings.url(), err, Clock.systemUTC(), new RunProgress()).alter(settings);
                Thread.sleep(500);
            } finally {
                workload.close();
            }
            long differences = table.differences(c);
            String newType;
            try (var st = c.createStatement(); var rs = st.executeQuery(
                    "SELECT format_type(atttypid, atttypmod) FROM pg_attribute WHERE attrelid = 'accounts'::regclass AND attname = 'balance'")) {
                rs.next();
                newType = rs.getString(1);
            }
            out.println();
            out.printf(Locale.ROOT, "rows copied:        %,d%n", (Long) result.get("rowsCopied"));
            out.printf(Locale.ROOT, "changes applied:    %,d%n", (Long) result.get("changesApplied"));
            out.printf(Locale.ROOT, "blocking window:    %d ms (writers held at the swap)%n", (Long) result.get("cutoverBlockingMs"));
            out.printf(Locale.ROOT, "checksum:           %s%n", result.get("checksum"));
            out.printf(Locale.ROOT, "total time:         %.1f s%n", (Long) result.get("durationMs") / 1000.0);
            out.printf(Locale.ROOT, "workload:           %,d transactions, %d errors, slowest %d ms%n",
                    workload.transactions(), workload.errors().size(), workload.maxLatencyMillis());
            out.printf(Locale.ROOT, "accounts.balance:   now %s%n", newType);
            out.printf(Locale.ROOT, "equal to oracle:    %s (%,d rows, %d differences)%n",
                    differences == 0 ? "yes" : "NO", table.count(c), differences);
            if (differences > 0) {
                table.sampleDifferences(c, 8).forEach(d -> err.println("osc demo: differs: " + d));
            }
            workload.errors().stream().limit(5).forEach(e -> err.println("osc demo: writer error: " + e));
            return differences == 0 && workload.errors().isEmpty() ? 0 : 1;
        }
    }
}
