package dev.osc.engine.cli;

import dev.osc.engine.run.ControlSettings;
import dev.osc.engine.run.Engines;
import dev.osc.engine.run.OscException;
import dev.osc.engine.run.RunProgress;
import dev.osc.engine.run.RunResult;
import dev.osc.engine.run.RunSettings;
import dev.osc.engine.run.SignalSettings;
import dev.osc.engine.run.StatusLineStream;
import dev.osc.engine.run.Strategy;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code osc alter}: a dry run unless {@code --execute}. */
@Command(name = "alter", mixinStandardHelpOptions = true,
        description = "Alter a table online. Without --execute this is a dry run: connection, checks and plan only.")
final class AlterCommand extends Streams implements Callable<Integer>, JsonOutput {
    @Mixin
    ConnectionMixin connection;

    @Mixin
    TableMixin target;

    @Option(names = "--execute", description = "carry the ALTER out (default: dry run)")
    boolean execute;

    @Option(names = "--strategy", defaultValue = "auto", paramLabel = "auto|direct|shadow",
            description = "auto (default): direct DDL when the change does not rewrite the table or the table is small, else shadow")
    String strategy;

    @Option(names = "--max-rows-per-second", defaultValue = "0", paramLabel = "N", description = "copy rate limit (0 = unlimited, default)")
    long maxRowsPerSecond;

    @Option(names = "--chunk-target-ms", paramLabel = "N",
            description = "time each copy chunk aims at (default 500 on PostgreSQL; 100 on MariaDB/MySQL, where a chunk holds the writers of its rows)")
    Long chunkTargetMs;

    @Option(names = "--max-direct-hold", defaultValue = "50ms", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "the longest a direct ALTER that rewrites the table may hold writers, estimated from its size (default 50ms)")
    Duration maxDirectHold;

    @Option(names = "--allow-destructive",
            description = "run an ALTER that drops a column holding data, narrows a type or renames a column (refused by default)")
    boolean allowDestructive;

    @Option(names = "--drop-old", description = "drop the old table after the swap (default: keep it as _<table>_osc_old)")
    boolean dropOld;

    @Option(names = "--lock-timeout-ms", defaultValue = "200", paramLabel = "N",
            description = "longest wait for a table lock before giving up and retrying (default 200)")
    long lockTimeoutMs;

    @Option(names = "--cutover-timeout", defaultValue = "5m", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "how long the swap (and the checksum's writer hold) may be kept from its lock by other sessions "
                    + "before the run gives up, naming them, and removes what it created (default 5m)")
    Duration cutoverTimeout;

    @Option(names = "--kill-blockers-after", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "once the lock has been kept away this long, terminate the sessions holding it and go on "
                    + "(default: never; must be shorter than --cutover-timeout)")
    Duration killBlockersAfter;

    @Option(names = "--direct-threshold-mb", defaultValue = "64", paramLabel = "MiB",
            description = "under --strategy auto, tables smaller than this are altered directly (default 64)")
    long directThresholdMb;

    @Option(names = "--no-checksum", negatable = false, description = "skip the checksum before the swap (not recommended)")
    boolean noChecksum;

    @Option(names = "--throttle-flag-file", paramLabel = "PATH",
            description = "the copy waits while this file exists (changes are still applied)")
    java.nio.file.Path throttleFlagFile;

    @Option(names = "--throttle-query", paramLabel = "SQL",
            description = "the copy waits while this query's first value is non-zero or true; run as given, once a second, on its own connection")
    String throttleQuery;

    @Option(names = "--max-load", defaultValue = "0", paramLabel = "N",
            description = "the copy waits while the server's load is at least N: PostgreSQL active sessions (osc's own left out), "
                    + "MariaDB/MySQL Threads_running (0 = off, default)")
    long maxLoad;

    @Option(names = "--critical-load", defaultValue = "0", paramLabel = "N",
            description = "once the load (as for --max-load) is at least N, the run stops (exit 1), the source untouched and "
                    + "what the run created removed (0 = off, default)")
    long criticalLoad;

    @Option(names = "--max-stream-lag-ms", defaultValue = "0", paramLabel = "N",
            description = "the copy waits while the change stream lags at least N ms (0 = off, default)")
    long maxStreamLagMs;

    @Option(names = "--copy-workers", defaultValue = "1", paramLabel = "N",
            description = "connections copying consecutive chunks at once, committed in key order (1 to 16, default 1)")
    int copyWorkers;

    @Option(names = "--max-lag-ms", defaultValue = "0", paramLabel = "N",
            description = "the copy waits while a replica is N ms or more behind, does not replicate, or cannot be read "
                    + "(0 = off, default). PostgreSQL without --replica: every physical standby of the primary "
                    + "(pg_stat_replication's replay_lag, or longer while a standby's replay stalls; no standby = no lag; "
                    + "needs pg_monitor). MariaDB/MySQL: the --replica servers' Seconds_Behind_Master "
                    + "(whole seconds; NULL = replication stopped: throttled; needs REPLICATION CLIENT there, MariaDB 10.5.9+: SLAVE MONITOR)")
    long maxLagMs;

    @Option(names = "--replica", paramLabel = "JDBC_URL",
            description = "a replica --max-lag-ms reads (repeatable), with the user and password of --url; never shown. "
                    + "On PostgreSQL, naming standbys reads only those, on themselves: no lag once all received WAL is "
                    + "replayed, else now() - pg_last_xact_replay_timestamp(); a paused replay or no WAL receiver "
                    + "throttles. Use it for cascaded standbys, or to leave out a delayed one")
    List<String> replicas = new ArrayList<>();

    @Option(names = "--max-retained-wal-mb", defaultValue = "0", paramLabel = "MiB",
            description = "PostgreSQL: the copy waits while the run's replication slot holds back N MiB of WAL or more "
                    + "(0 = off, default). With any throttle signal on, a slot nearing max_slot_wal_keep_size is warned about")
    long maxRetainedWalMb;

    @Option(names = "--admin-port", defaultValue = "0", paramLabel = "N",
            description = "the shadow path's admin endpoint listens on 127.0.0.1:N (0 = an ephemeral port, default); the port is "
                    + "printed at start and recorded in the run's state row, where osc status|pause|resume|set|cutover|abort find it")
    int adminPort;

    @Option(names = "--admin-token-env", paramLabel = "VAR",
            description = "the environment variable holding a token that every request to the admin endpoint must carry "
                    + "(Authorization: Bearer <token>); never printed")
    String adminTokenEnv;

    @Option(names = "--postpone-cutover",
            description = "after the checksum keep applying changes and wait for the operator (osc cutover, POST /cutover) before the swap")
    boolean postponeCutover;

    @Option(names = "--postpone-cutover-flag-file", paramLabel = "PATH",
            description = "the swap waits while this file exists (made at start if missing); removing it, osc cutover or POST /cutover "
                    + "lets the swap go")
    java.nio.file.Path postponeCutoverFlagFile;

    @Option(names = "--revert-window", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "after the swap keep the old table in step with the new one for this long (500ms, 30s, 5m, 2h), "
                    + "so that osc revert can swap it back without losing a write; default: no window")
    Duration revertWindow;

    @Option(names = "--quiet", description = "no progress lines on stderr")
    boolean quiet;

    final RunProgress progress = new RunProgress();
    private final RunResult partial = new RunResult();

    @Override
    public Integer call() throws Exception {
        RunSettings settings = new RunSettings(connection.url, connection.user, connection.password(), target.table,
                target.alter, execute, strategy(strategy), maxRowsPerSecond, chunkTargetMs == null ? null : Duration.ofMillis(chunkTargetMs), dropOld,
                directThresholdMb * 1024 * 1024, Duration.ofMillis(lockTimeoutMs), !noChecksum, !quiet,
                allowDestructive, maxDirectHold, cutoverTimeout, killBlockersAfter,
                new SignalSettings(throttleFlagFile, throttleQuery, maxLoad, criticalLoad, maxStreamLagMs, maxLagMs, replicas,
                        maxRetainedWalMb), copyWorkers,
                new ControlSettings(adminPort, AdminTarget.token(adminTokenEnv), postponeCutover, postponeCutoverFlagFile, revertWindow));
        partial.put("strategy", null).put("rowsCopied", 0L).put("changesApplied", 0L).put("cutoverBlockingMs", null)
                .put("durationMs", 0L).put("checksum", null);
        // on a terminal the progress line updates in place, the other lines written above it
        PrintStream log = !quiet && StatusLineStream.interactive() ? new StatusLineStream(err) : err;
        RunResult result = Engines.forUrl(settings.url(), log, Clock.systemUTC(), progress).alter(settings);
        if (target.json) {
            out.println(result.toJson());
        } else {
            log.println(summary(result));
        }
        return 0;
    }

    /** The one-line human summary: every writer hold the run took is named, none that it did not take. */
    static String summary(RunResult result) {
        StringBuilder line = new StringBuilder("osc: " + result.get("status") + " (" + result.get("strategy") + ")");
        if (!"dry-run".equals(result.get("status"))) {
            line.append(" rows copied ").append(result.get("rowsCopied")).append(", changes applied ").append(result.get("changesApplied"));
            List<String> holds = new ArrayList<>();
            hold(holds, result, "cutoverBlockingMs", "direct".equals(result.get("strategy")) ? "the ALTER" : "swap");
            hold(holds, result, "checksumBlockingMs", "checksum snapshot");
            hold(holds, result, "uniqueIndexBlockingMs", "unique index build");
            hold(holds, result, "revertBlockingMs", "swap back");
            line.append(", writers held ").append(holds.isEmpty() ? "never" : String.join(" + ", holds));
        }
        line.append(", took ").append(result.get("durationMs")).append(" ms");
        if (result.get("checksum") != null) {
            line.append(", checksum ").append(result.get("checksum"));
        }
        if (Boolean.TRUE.equals(result.get("reverted"))) {
            line.append("; reverted: the table has its old shape again");
        }
        return line.toString();
    }

    private static void hold(List<String> holds, RunResult result, String field, String what) {
        if (result.get(field) != null) {
            holds.add(result.get(field) + " ms (" + what + ")");
        }
    }

    static Strategy strategy(String value) {
        try {
            return Strategy.valueOf(value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw OscException.badInput("--strategy must be auto, direct or shadow, got: " + value);
        }
    }

    @Override
    public boolean json() {
        return target != null && target.json;
    }

    @Override
    public RunResult partialResult() {
        partial.put("rowsCopied", progress.rowsCopied.get()).put("changesApplied", progress.changesApplied.get());
        return partial;
    }
}
