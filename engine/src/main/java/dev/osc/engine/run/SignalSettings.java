package dev.osc.engine.run;

import java.nio.file.Path;

/**
 * The throttle signals one run was asked to watch (validated in {@link RunSettings}); 0 or null turns one off.
 *
 * @param flagFile       {@code --throttle-flag-file}: the copy waits while this file exists
 * @param query          {@code --throttle-query}: the copy waits while this query's first value is non-zero
 * @param maxLoad        {@code --max-load}: the copy waits while the server's load is at least this
 * @param criticalLoad   {@code --critical-load}: the run stops and removes what it made once the load is at least this
 * @param maxStreamLagMs {@code --max-stream-lag-ms}: the copy waits while the change stream lags at least this much
 */
public record SignalSettings(Path flagFile, String query, long maxLoad, long criticalLoad, long maxStreamLagMs) {
    public static final SignalSettings NONE = new SignalSettings(null, null, 0, 0, 0);
}
