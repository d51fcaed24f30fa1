package dev.osc.engine.run;

import java.nio.file.Path;
import java.util.List;

/**
 * The throttle signals one run was asked to watch (validated in {@link RunSettings}); 0 or null turns one off.
 *
 * @param flagFile         {@code --throttle-flag-file}: the copy waits while this file exists
 * @param query            {@code --throttle-query}: the copy waits while this query's first value is non-zero
 * @param maxLoad          {@code --max-load}: the copy waits while the server's load is at least this
 * @param criticalLoad     {@code --critical-load}: the run stops and removes what it made once the load is at least this
 * @param maxStreamLagMs   {@code --max-stream-lag-ms}: the copy waits while the change stream lags at least this much
 * @param maxLagMs         {@code --max-lag-ms}: the copy waits while a replica lags at least this much
 * @param replicas         {@code --replica}: the JDBC URLs of the replicas {@code maxLagMs} reads (credentials as for
 *                         {@code --url}, never printed); empty: PostgreSQL's standbys as the primary sees them
 * @param maxRetainedWalMb {@code --max-retained-wal-mb}: the copy waits while the run's slot holds back this much WAL (PostgreSQL)
 */
public record SignalSettings(Path flagFile, String query, long maxLoad, long criticalLoad, long maxStreamLagMs,
                             long maxLagMs, List<String> replicas, long maxRetainedWalMb) {
    public static final SignalSettings NONE = new SignalSettings(null, null, 0, 0, 0);

    public SignalSettings {
        replicas = replicas == null ? List.of() : List.copyOf(replicas);
    }

    /** Without replica lag and retained WAL. */
    public SignalSettings(Path flagFile, String query, long maxLoad, long criticalLoad, long maxStreamLagMs) {
        this(flagFile, query, maxLoad, criticalLoad, maxStreamLagMs, 0, List.of(), 0);
    }

    /** True when any signal can hold the copy back (the critical load only stops it). */
    public boolean throttles() {
        return flagFile != null || query != null || maxLoad > 0 || maxStreamLagMs > 0 || maxLagMs > 0 || maxRetainedWalMb > 0;
    }

    @Override
    public String toString() {
        return "SignalSettings[flagFile=" + flagFile + ", query=" + (query == null ? "none" : "set") + ", maxLoad=" + maxLoad
                + ", criticalLoad=" + criticalLoad + ", maxStreamLagMs=" + maxStreamLagMs + ", maxLagMs=" + maxLagMs
                + ", replicas=" + replicas.size() + ", maxRetainedWalMb=" + maxRetainedWalMb + "]";
    }
}
