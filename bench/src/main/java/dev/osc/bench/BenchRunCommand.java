package dev.osc.bench;

import dev.osc.engine.run.ControlSettings;
import dev.osc.engine.run.Engines;
import dev.osc.engine.run.OscException;
import dev.osc.engine.run.RunProgress;
import dev.osc.engine.run.RunResult;
import dev.osc.engine.run.RunSettings;
import dev.osc.engine.run.SignalSettings;
import dev.osc.engine.run.Strategy;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code osc bench run}: the server's references on a copy (INSERT … SELECT, plain ALTER under
 * the workload), then a baseline under the workload and osc's migration under the same
 * workload; writes report.json, report.md and latency.png.
 */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Benchmark one ALTER on a fixture table under a workload, against the server's INSERT ... SELECT and a plain ALTER.")
final class BenchRunCommand implements Callable<Integer> {
    @Mixin
    WorkloadOptions workload;

    @Option(names = "--alter", required = true, paramLabel = "CLAUSE", description = "the ALTER clause, as for osc alter")
    String alter;

    @Option(names = "--baseline", defaultValue = "10s", paramLabel = "D", description = "workload alone before the migration (default 10s)")
    String baseline;

    @Option(names = "--cooldown", defaultValue = "3s", paramLabel = "D", description = "workload after the swap (default 3s)")
    String cooldown;

    @Option(names = "--chunk-target", paramLabel = "D",
            description = "time target of one copy chunk, for osc and pt-osc's --chunk-time alike "
                    + "(default: each tool's own, osc's 500ms on PostgreSQL and 100ms on MariaDB, pt-osc's 0.5s)")
    String chunkTarget;

    @Option(names = "--max-rows-per-second", defaultValue = "0", paramLabel = "N", description = "osc's copy throttle (default 0: unlimited)")
    long maxRowsPerSecond;

    @Option(names = "--oracle", description = "keep <table>_oracle in the workload's transactions and compare after the swap")
    boolean oracle;

    @Option(names = "--skip-references", description = "skip the INSERT ... SELECT and plain ALTER references (they need twice the table's disk)")
    boolean skipReferences;

    @Option(names = "--peers", split = ",", paramLabel = "TOOL[,TOOL...]",
            description = "also run these tools side by side, each on the same freshly generated table under the same workload: "
                    + "pg_repack (PostgreSQL; a rebuild), pt-osc, gh-ost (MariaDB); a tool whose binary is not on PATH is skipped")
    List<String> peerNames = List.of();

    @Option(names = "--copy-workers", split = ",", paramLabel = "N[,N...]",
            description = "osc's copy workers (default 1); several counts run osc once per count, each on a freshly generated table, "
                    + "and report the copy rate against the count (the first count's run is the one compared with the peers)")
    List<Integer> copyWorkers = List.of(1);

    @Option(names = "--out", defaultValue = "bench-report", paramLabel = "DIR", description = "report directory (default ./bench-report)")
    Path out;

    @Override
    public Integer call() throws Exception {
        String jdbc;
        WorkloadSpec load;
        long cooldownMillis;
        RunSettings settings;
        Duration chunk;
        List<Peer> peers;
        try {
            peers = Peers.parse(peerNames);
            chunk = chunkTarget == null ? null : BenchOptions.duration("--chunk-target", chunkTarget);
            jdbc = BenchOptions.jdbcUrl(workload.url);
            load = workload.spec(BenchOptions.duration("--baseline", baseline));
            cooldownMillis = BenchOptions.duration("--cooldown", cooldown).toMillis();
            if (copyWorkers.isEmpty()) {
                throw new IllegalArgumentException("--copy-workers needs at least one count");
            }
            for (int n : copyWorkers) {
                settings(jdbc, chunk, n);
            }
            settings = settings(jdbc, chunk, copyWorkers.get(0));
        } catch (IllegalArgumentException | OscException e) {
            System.err.println("osc bench run: " + e.getMessage());
            return 2;
        }
        PrintStream log = System.err;
        try (Connection c = DriverManager.getConnection(jdbc)) {
            c.setAutoCommit(true);
            FixtureTable fixture = FixtureTable.find(c, workload.table);
            ServerSettings server = ServerSettings.read(c, fixture.pg());
            RunResult plan = planOrRefuse(settings);
            log.printf(Locale.ROOT, "osc bench run: %s (%s, %,d rows), plan: %s%n", workload.table, fixture.shape().name().toLowerCase(Locale.ROOT),
                    fixture.rows(), plan.get("strategy"));
            if (!writableDirectory(out)) {
                System.err.println("osc bench run: --out " + out + " is not a directory this user can write");
                return 2;
            }
            ServerReferences.Figures refs = skipReferences ? null : new ServerReferences(jdbc, fixture, alter, load, log).measure(c);
            FixtureReset reset = new FixtureReset(jdbc, fixture, log);
            List<String> leftovers = peers.stream().flatMap(p -> p.leftovers(fixture.name()).stream()).toList();
            if (!peers.isEmpty() || copyWorkers.size() > 1) {
                reset.recreate(leftovers);
            }
            OscUnderLoad.Figures osc = new OscUnderLoad(jdbc, fixture, settings, load, oracle, cooldownMillis, log).run(c);
            CopyWorkerRates rates = copyWorkers.size() == 1 ? null
                    : copyRates(jdbc, fixture, chunk, load, cooldownMillis, osc, reset, leftovers, log, c);
            PeerComparison comparison = peers.isEmpty() ? null
                    : new PeerComparison(ToolFigures.osc(osc, alter, oscCommand(jdbc, chunk), fixture.rows()), runPeers(jdbc, fixture, load,
                    chunk, cooldownMillis, peers, reset, leftovers, log));
            BenchRunReport report = new BenchRunReport(fixture, server, alter, load, refs, osc, comparison, rates);
            try {
                report.write(out);
            } catch (java.io.IOException e) {
                System.out.print(report.markdown());
                System.err.println("osc bench run: cannot write the report into " + out + ": " + e.getMessage());
                return 1;
            }
            System.out.print(report.markdown());
            System.out.println();
            System.out.println("report: " + out.resolve(BenchRunReport.JSON) + ", " + out.resolve(BenchRunReport.MARKDOWN) + ", "
                    + out.resolve(BenchRunReport.CHART));
            if (osc.exit() != 0) {
                return osc.exit();
            }
            return osc.oracleDifferences() != null && osc.oracleDifferences() > 0 ? 1 : 0;
        } catch (FixtureGenerator.Refused e) {
            System.err.println("osc bench run: " + e.getMessage());
            return e.exit;
        } catch (OscException e) {
            System.err.println("osc bench run: " + e.getMessage());
            return e.status().code();
        } catch (SQLException e) {
            return BenchOptions.failed("run", e);
        }
    }

    /** osc's settings for a run with {@code workers} copy workers (a bad count is refused here, before anything runs). */
    private RunSettings settings(String jdbc, Duration chunk, int workers) {
        return new RunSettings(jdbc, null, null, workload.table, alter, true, Strategy.SHADOW, maxRowsPerSecond, chunk,
                true, RunSettings.DEFAULT_DIRECT_THRESHOLD_BYTES, Duration.ofMillis(200), true, true, false,
                RunSettings.DEFAULT_MAX_DIRECT_HOLD, RunSettings.DEFAULT_CUTOVER_TIMEOUT, null, SignalSettings.NONE, workers,
                ControlSettings.NONE);
    }

    /**
     * The first count's run is {@code first}; each further count runs osc again on the re-created
     * fixture under the same workload (the peers re-create it again before each of them).
     */
    private CopyWorkerRates copyRates(String jdbc, FixtureTable fixture, Duration chunk, WorkloadSpec load, long cooldownMillis,
                                      OscUnderLoad.Figures first, FixtureReset reset, List<String> leftovers, PrintStream log,
                                      Connection c) throws Exception {
        List<CopyWorkerRates.Rate> rates = new ArrayList<>(List.of(CopyWorkerRates.Rate.of(copyWorkers.get(0), first)));
        for (int n : copyWorkers.subList(1, copyWorkers.size())) {
            reset.recreate(leftovers);
            log.printf(Locale.ROOT, "osc bench run: osc with %d copy workers%n", n);
            OscUnderLoad.Figures run = new OscUnderLoad(jdbc, fixture, settings(jdbc, chunk, n), load, false, cooldownMillis, log).run(c);
            rates.add(CopyWorkerRates.Rate.of(n, run));
        }
        return new CopyWorkerRates(rates);
    }

    /** Each peer on the re-created fixture under the same workload; one that cannot run here is skipped with one line. */
    private List<ToolFigures> runPeers(String jdbc, FixtureTable fixture, WorkloadSpec load, Duration chunk, long cooldownMillis, List<Peer> peers,
                                       FixtureReset reset, List<String> leftovers, PrintStream log) throws Exception {
        PeerUnderLoad runner = new PeerUnderLoad(jdbc, load, chunk, cooldownMillis, out, System.getenv("PATH"), reset, leftovers, log);
        List<ToolFigures> figures = new ArrayList<>();
        for (Peer peer : peers) {
            ToolFigures f = runner.run(peer, fixture, alter);
            if (f.status().equals("skipped")) {
                log.println("osc bench run: " + peer.name() + " skipped: " + f.note());
            }
            figures.add(f);
        }
        return figures;
    }

    /** The osc command this run is equivalent to (it runs in this process), without the password. */
    private String oscCommand(String jdbc, Duration chunk) {
        PeerTarget t = PeerTarget.of(jdbc);
        String url = "jdbc:" + (t.pg() ? "postgresql" : "mariadb") + "://" + t.host() + ":" + t.port() + "/" + t.database() + "?user=" + t.user();
        List<String> cmd = new ArrayList<>(List.of("osc", "alter", "--url", PeerCommand.shellQuote(url), "--table",
                PeerCommand.shellQuote(workload.table), "--alter", PeerCommand.shellQuote(alter), "--strategy=shadow", "--drop-old"));
        if (chunk != null) {
            cmd.add("--chunk-target-ms=" + chunk.toMillis());
        }
        if (copyWorkers.get(0) != 1) {
            cmd.add("--copy-workers=" + copyWorkers.get(0));
        }
        if (maxRowsPerSecond > 0) {
            cmd.add("--max-rows-per-second=" + maxRowsPerSecond);
        }
        cmd.add("--execute");
        return String.join(" ", cmd);
    }

    /** True when {@code dir} exists and is writable, or can be created (it is left for the report). */
    private static boolean writableDirectory(Path dir) {
        try {
            java.nio.file.Files.createDirectories(dir);
            return java.nio.file.Files.isDirectory(dir) && java.nio.file.Files.isWritable(dir);
        } catch (java.io.IOException | SecurityException e) {
            return false;
        }
    }

    /** Plans the ALTER first (changes nothing), so a bad clause is refused before any reference runs. */
    private static RunResult planOrRefuse(RunSettings settings) throws Exception {
        PrintStream quiet = new PrintStream(new ByteArrayOutputStream());
        return Engines.forUrl(settings.url(), quiet, Clock.systemUTC(), new RunProgress()).plan(settings);
    }
}
