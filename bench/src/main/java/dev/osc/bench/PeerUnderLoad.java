package dev.osc.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * One peer tool on the fixture while the same workload as osc's runs: the baseline first, then the
 * tool's process (its output in {@code <out>/<peer>.log}), then the period after; the tool's wall
 * time and the writers' latencies while it ran. A peer whose binary is not on PATH, that does not
 * work on this database, or that the server cannot serve, is skipped with a one-line message.
 */
final class PeerUnderLoad {
    private static final long TIMEOUT_MINUTES = 60;

    private final String url;
    private final WorkloadSpec load;
    private final Duration chunkTarget;
    private final long cooldownMillis;
    private final Path out;
    private final String path;
    private final FixtureReset reset;
    private final List<String> leftovers;
    private final PrintStream log;

    /**
     * {@code path}: the PATH the peers' binaries are looked up on; {@code reset} re-creates the fixture
     * before each peer, dropping {@code leftovers} (what any tool may have left beside the table).
     */
    PeerUnderLoad(String url, WorkloadSpec load, Duration chunkTarget, long cooldownMillis, Path out, String path, FixtureReset reset, List<String> leftovers,
                  PrintStream log) {
        this.url = url;
        this.chunkTarget = chunkTarget;
        this.reset = reset;
        this.leftovers = List.copyOf(leftovers);
        this.load = load;
        this.cooldownMillis = cooldownMillis;
        this.out = out;
        this.path = path;
        this.log = log;
    }

    /** Why {@code peer} cannot run against this family at all (not on PATH, other database), or null when it can. */
    String skipReason(Peer peer, boolean pg) {
        if (!peer.runsOn(pg)) {
            return peer.name() + " works on " + (pg ? "MySQL/MariaDB" : "PostgreSQL") + " only";
        }
        if (Executables.find(peer.binary(), path).isEmpty()) {
            return peer.binary() + " is not on PATH";
        }
        return null;
    }

    /** Re-creates {@code table} and runs {@code peer} on it under the workload; skipped with the reason when it cannot run here. */
    ToolFigures run(Peer peer, FixtureTable table, String alter) throws SQLException, InterruptedException, IOException,
            FixtureGenerator.Refused {
        String skip = skipReason(peer, table.pg());
        if (skip != null) {
            return ToolFigures.skipped(peer.name(), peer.does(alter), skip);
        }
        try (Connection c = DriverManager.getConnection(url)) {
            peer.prepare(c);
        } catch (Peer.Unavailable e) {
            return ToolFigures.skipped(peer.name(), peer.does(alter), e.getMessage());
        } catch (SQLException e) {
            return ToolFigures.skipped(peer.name(), peer.does(alter), "cannot ready the server for it: "
                    + String.valueOf(e.getMessage()).lines().findFirst().orElse(""));
        }
        reset.recreate(leftovers);
        Path work = Files.createTempDirectory("osc-bench-" + peer.binary());
        PeerCommand command;
        try {
            command = peer.command(Executables.find(peer.binary(), path).orElseThrow(), new PeerJob(PeerTarget.of(url), table.name(), alter,
                    chunkTarget), work);
        } catch (IllegalArgumentException e) {
            deleteQuietly(work, List.of());
            return ToolFigures.skipped(peer.name(), peer.does(alter), e.getMessage());
        }
        Path peerLog = out.resolve(peer.name() + ".log");
        log.printf(Locale.ROOT, "osc bench run: %s: %s%n", peer.name(), command.display());
        PhaseClock phases = PhaseClock.system();
        phases.enter(PhaseClock.BASELINE);
        int exit;
        String startError = null;
        double seconds;
        FixtureLoad workload = load.start(url, table, null, phases);
        try (workload) {
            Thread.sleep(load.baseline().toMillis());
            phases.enter(peer.name());
            long t0 = System.nanoTime();
            try {
                exit = execute(command, peerLog);
            } catch (IOException e) {
                exit = 127;
                startError = "cannot start " + command.argv().get(0) + ": " + e.getMessage();
            }
            seconds = (System.nanoTime() - t0) / 1e9;
            phases.enter(PhaseClock.AFTER);
            Thread.sleep(cooldownMillis);
        } finally {
            deleteQuietly(work, command.secretFiles());
        }
        String note = startError != null ? startError : exit == 0 ? "log: " + peerLog : "exited " + exit + ", see " + peerLog;
        if (exit != 0) {
            log.printf(Locale.ROOT, "osc bench run: %s failed (exit %d), see %s%n", peer.name(), exit, peerLog);
        }
        return ToolFigures.ran(peer.name(), peer.does(alter), command.display(), exit, seconds, table.rows(), workload, note);
    }

    /** Runs {@code command} to its end, its output into {@code peerLog}; one still running after the timeout is killed (exit 124). */
    private static int execute(PeerCommand command, Path peerLog) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(command.argv()).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.to(peerLog.toFile()));
        pb.environment().putAll(command.env());
        Process p = pb.start();
        if (p.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
            return p.exitValue();
        }
        p.destroyForcibly();
        p.waitFor(10, TimeUnit.SECONDS);
        return 124;
    }

    private void deleteQuietly(Path work, List<Path> secrets) {
        for (Path s : secrets) {
            try {
                Files.deleteIfExists(s);
            } catch (IOException e) {
                log.println("osc bench run: could not delete " + s + " (it holds a password): " + e.getMessage());
            }
        }
        try (var files = Files.walk(work)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException ignored) {
            // a socket the peer left; the temporary directory is the system's to clean
        }
    }
}
