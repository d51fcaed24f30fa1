package dev.osc.engine.run;

import dev.osc.cdc.ChangeStream;
import dev.osc.engine.shadow.FenceWriter;
import dev.osc.engine.shadow.LoadProbe;
import dev.osc.engine.shadow.ShadowDialect;
import dev.osc.throttling.FlagFileSignal;
import dev.osc.throttling.LimitSignal;
import dev.osc.throttling.LiveThrottle;
import dev.osc.throttling.PauseSignal;
import dev.osc.throttling.Throttler;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.function.Consumer;

/**
 * The throttle signals a run was asked for, each on its schedule, in the order their reasons are
 * shown: the manual pause, the flag file, the throttle query, the load, the stream's lag; the
 * critical load aborts. The limits are live ({@link LiveThrottle#defineLimit}): the admin endpoint
 * changes them. A signal that reads the database gets a connection of its own, opened only when it
 * is asked for.
 */
final class CopySignals {
    static final Duration FLAG_FILE_INTERVAL = Duration.ofMillis(250);
    static final Duration QUERY_INTERVAL = Duration.ofSeconds(1);
    static final Duration LOAD_INTERVAL = Duration.ofSeconds(1);
    static final Duration STREAM_LAG_INTERVAL = Duration.ofMillis(250);

    /** Opens a named connection that the run closes with its others. */
    @FunctionalInterface
    interface Opener {
        Connection open(String role) throws SQLException;
    }

    private CopySignals() {
    }

    static Throttler build(SignalSettings s, LiveThrottle live, Clock clock, ShadowDialect dialect, Opener open, ChangeStream stream,
                           FenceWriter fence, Consumer<String> log) throws SQLException {
        Throttler.Builder b = Throttler.using(clock).notifying(log);
        b.throttleOn(new PauseSignal(live), Duration.ZERO);
        if (s.flagFile() != null) {
            b.throttleOn(new FlagFileSignal(s.flagFile()), FLAG_FILE_INTERVAL);
        }
        if (s.query() != null) {
            b.throttleOn(new ThrottleQuery(open.open("osc throttle "), s.query()), QUERY_INTERVAL);
        }
        if (s.maxLoad() > 0 || s.criticalLoad() > 0) {
            LoadProbe load = dialect.loadProbe(open.open("osc probe "));
            if (s.maxLoad() > 0) {
                b.throttleOn(new LimitSignal("max-load", load.unit(), live.defineLimit("max-load", s.maxLoad()), load), LOAD_INTERVAL);
            }
            if (s.criticalLoad() > 0) {
                b.abortOn(new LimitSignal("critical-load", load.unit(), live.defineLimit("critical-load", s.criticalLoad()), load), LOAD_INTERVAL);
            }
        }
        if (s.maxStreamLagMs() > 0) {
            b.throttleOn(new LimitSignal("max-stream-lag", "ms", live.defineLimit("max-stream-lag-ms", s.maxStreamLagMs()), new StreamLagProbe(stream::lagMillis, fence, s.maxStreamLagMs())),
                    STREAM_LAG_INTERVAL);
        }
        return b.build();
    }
}
