package dev.osc.engine.run;

import java.time.Duration;

/**
 * Everything one command was asked to do, validated once at construction; a message names the
 * offending setting. The password is held here but never printed ({@link #toString()} omits it).
 */
public record RunSettings(
        String url,
        String user,
        String password,
        String table,
        String alter,
        boolean execute,
        Strategy strategy,
        long maxRowsPerSecond,
        /** The copy chunk's time target; null for the database's default ({@code ShadowDialect.defaultChunkTarget}). */
        Duration chunkTarget,
        boolean dropOld,
        long directThresholdBytes,
        Duration lockTimeout,
        boolean checksum,
        boolean progress,
        boolean allowDestructive,
        Duration maxDirectHold,
        Duration cutoverTimeout,
        Duration killBlockersAfter,
        SignalSettings signals,
        int copyWorkers,
        ControlSettings control) {

    public RunSettings {
        require(url != null && !url.isBlank(), "--url is required");
        require(table != null && !table.isBlank(), "--table is required");
        require(alter != null && !alter.isBlank(), "--alter is required");
        require(strategy != null, "--strategy must be auto, direct or shadow");
        require(maxRowsPerSecond >= 0, "--max-rows-per-second must be 0 (unlimited) or more");
        require(chunkTarget == null || !chunkTarget.isNegative() && !chunkTarget.isZero()
                && chunkTarget.compareTo(Duration.ofMinutes(1)) <= 0, "--chunk-target-ms must be between 1 and 60000");
        require(directThresholdBytes >= 0, "--direct-threshold-mb must be 0 or more");
        require(maxDirectHold != null && !maxDirectHold.isNegative() && maxDirectHold.compareTo(Duration.ofMinutes(10)) <= 0,
                "--max-direct-hold must be between 0ms and 10m");
        require(lockTimeout != null && lockTimeout.toMillis() >= 1 && lockTimeout.compareTo(Duration.ofSeconds(60)) <= 0,
                "--lock-timeout-ms must be between 1 and 60000");
        require(cutoverTimeout != null && cutoverTimeout.toMillis() >= 1, "--cutover-timeout must be at least 1ms");
        require(killBlockersAfter == null || killBlockersAfter.toMillis() >= 1, "--kill-blockers-after must be at least 1ms");
        require(killBlockersAfter == null || killBlockersAfter.compareTo(cutoverTimeout) < 0,
                "--kill-blockers-after must be shorter than --cutover-timeout (" + (cutoverTimeout == null ? "" : cutoverTimeout.toMillis() + " ms") + ")");
        require(signals != null, "the throttle signals are required");
        require(signals.query() == null || !signals.query().isBlank(), "--throttle-query must not be empty");
        require(signals.maxLoad() >= 0, "--max-load must be 0 (off) or more");
        require(signals.criticalLoad() >= 0, "--critical-load must be 0 (off) or more");
        require(signals.maxLoad() == 0 || signals.criticalLoad() == 0 || signals.criticalLoad() > signals.maxLoad(),
                "--critical-load must be above --max-load (" + signals.maxLoad() + ")");
        require(signals.maxStreamLagMs() >= 0, "--max-stream-lag-ms must be 0 (off) or more");
        require(copyWorkers >= 1 && copyWorkers <= MAX_COPY_WORKERS, "--copy-workers must be between 1 and " + MAX_COPY_WORKERS);
        boolean postgres = url.startsWith("jdbc:postgresql:");
        require(signals.maxLagMs() >= 0, "--max-lag-ms must be 0 (off) or more");
        require(signals.replicas().isEmpty() || signals.maxLagMs() > 0, "--replica needs --max-lag-ms (the lag it throttles at)");
        require(signals.maxLagMs() == 0 || postgres || !signals.replicas().isEmpty(),
                "--max-lag-ms on MariaDB/MySQL needs the replicas named with --replica URL");
        for (String replica : signals.replicas()) {
            require(replica != null && (postgres ? replica.startsWith("jdbc:postgresql:")
                            : replica.startsWith("jdbc:mariadb:") || replica.startsWith("jdbc:mysql:")),
                    "--replica must be a JDBC URL of the same kind as --url (" + (postgres ? "jdbc:postgresql://" : "jdbc:mariadb:// or jdbc:mysql://")
                            + "HOST[:PORT]/DATABASE)");
        }
        require(signals.maxRetainedWalMb() >= 0, "--max-retained-wal-mb must be 0 (off) or more");
        require(signals.maxRetainedWalMb() == 0 || postgres,
                "--max-retained-wal-mb is for PostgreSQL (the WAL its replication slot holds back); MariaDB/MySQL keep binary logs by time");
        require(control != null, "the control settings are required");
        require(control.adminPort() == null || (control.adminPort() >= 0 && control.adminPort() <= 65_535),
                "--admin-port must be between 0 (an ephemeral port) and 65535");
        require(control.adminToken() == null || !control.adminToken().isBlank(), "--admin-token-env names an empty variable");
    }

    /** One copy worker, without control settings: no admin endpoint, the swap not postponed. */
    public RunSettings(String url, String user, String password, String table, String alter, boolean execute, Strategy strategy,
                       long maxRowsPerSecond, Duration chunkTarget, boolean dropOld, long directThresholdBytes, Duration lockTimeout,
                       boolean checksum, boolean progress, boolean allowDestructive, Duration maxDirectHold,
                       Duration cutoverTimeout, Duration killBlockersAfter, SignalSettings signals) {
        this(url, user, password, table, alter, execute, strategy, maxRowsPerSecond, chunkTarget, dropOld, directThresholdBytes,
                lockTimeout, checksum, progress, allowDestructive, maxDirectHold, cutoverTimeout, killBlockersAfter, signals,
                1, ControlSettings.NONE);
    }

    /** The most copy workers (connections copying chunks at once) a run may use. */
    public static final int MAX_COPY_WORKERS = 16;

    /** Without throttle signals. */
    public RunSettings(String url, String user, String password, String table, String alter, boolean execute, Strategy strategy,
                       long maxRowsPerSecond, Duration chunkTarget, boolean dropOld, long directThresholdBytes, Duration lockTimeout,
                       boolean checksum, boolean progress, boolean allowDestructive, Duration maxDirectHold,
                       Duration cutoverTimeout, Duration killBlockersAfter) {
        this(url, user, password, table, alter, execute, strategy, maxRowsPerSecond, chunkTarget, dropOld, directThresholdBytes,
                lockTimeout, checksum, progress, allowDestructive, maxDirectHold, cutoverTimeout, killBlockersAfter, SignalSettings.NONE);
    }

    /** Without the cut-over settings: the default timeout, blockers never killed. */
    public RunSettings(String url, String user, String password, String table, String alter, boolean execute, Strategy strategy,
                       long maxRowsPerSecond, Duration chunkTarget, boolean dropOld, long directThresholdBytes, Duration lockTimeout,
                       boolean checksum, boolean progress, boolean allowDestructive, Duration maxDirectHold) {
        this(url, user, password, table, alter, execute, strategy, maxRowsPerSecond, chunkTarget, dropOld, directThresholdBytes,
                lockTimeout, checksum, progress, allowDestructive, maxDirectHold, DEFAULT_CUTOVER_TIMEOUT, null, SignalSettings.NONE);
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw OscException.badInput(message);
        }
    }

    public static final long DEFAULT_DIRECT_THRESHOLD_BYTES = 64L * 1024 * 1024;

    /** The longest a direct rewrite may hold writers by default: well under 100 ms. */
    public static final Duration DEFAULT_MAX_DIRECT_HOLD = Duration.ofMillis(50);

    /** How long a writer hold (the swap, the checksum's) may stay blocked by other sessions before the run gives up. */
    public static final Duration DEFAULT_CUTOVER_TIMEOUT = Duration.ofMinutes(5);

    @Override
    public String toString() {
        return "table=" + table + " strategy=" + strategy.name().toLowerCase(java.util.Locale.ROOT)
                + " maxRowsPerSecond=" + maxRowsPerSecond + " chunkTargetMs=" + (chunkTarget == null ? "default" : chunkTarget.toMillis())
                + " dropOld=" + dropOld + " lockTimeoutMs=" + lockTimeout.toMillis() + " checksum=" + checksum
                + " allowDestructive=" + allowDestructive + " maxDirectHoldMs=" + maxDirectHold.toMillis()
                + " cutoverTimeoutMs=" + cutoverTimeout.toMillis()
                + (killBlockersAfter == null ? "" : " killBlockersAfterMs=" + killBlockersAfter.toMillis())
                + (signals.flagFile() == null ? "" : " throttleFlagFile=" + signals.flagFile())
                + (signals.query() == null ? "" : " throttleQuery=set")
                + (signals.maxLoad() == 0 ? "" : " maxLoad=" + signals.maxLoad())
                + (signals.criticalLoad() == 0 ? "" : " criticalLoad=" + signals.criticalLoad())
                + (signals.maxStreamLagMs() == 0 ? "" : " maxStreamLagMs=" + signals.maxStreamLagMs())
                + (signals.maxLagMs() == 0 ? "" : " maxLagMs=" + signals.maxLagMs())
                + (signals.replicas().isEmpty() ? "" : " replicas=" + signals.replicas().size())
                + (signals.maxRetainedWalMb() == 0 ? "" : " maxRetainedWalMb=" + signals.maxRetainedWalMb())
                + (copyWorkers == 1 ? "" : " copyWorkers=" + copyWorkers)
                + control;
    }
}
