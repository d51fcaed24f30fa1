package dev.osc.engine.run;

import dev.osc.cdc.ChangeStream;
import dev.osc.engine.shadow.FenceWriter;
import dev.osc.engine.shadow.LoadProbe;
import dev.osc.engine.shadow.ShadowDialect;
import dev.osc.throttling.FlagFileSignal;
import dev.osc.throttling.LimitSignal;
import dev.osc.throttling.ReplicaLagSignal;
import dev.osc.throttling.ReplicaLagSource;
import dev.osc.throttling.LiveThrottle;
import dev.osc.throttling.PauseSignal;
import dev.osc.throttling.Throttler;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;

/**
 * The throttle signals a run was asked for, each on its schedule, in the order their reasons are
 * shown: the manual pause, the flag file, the throttle query, the load, the replicas' lag, the
 * stream's lag, the slot's retained WAL; the critical load aborts. Every limit is live ({@link LiveThrottle#defineLimit}): the admin endpoint changes them. A signal that reads
 * the database gets a connection of its own, opened only when it is asked for. With any signal, a
 * throttle can last: then what the stream needs kept is watched too, and a danger to it is a warning line.
 */
final class CopySignals {
    static final Duration FLAG_FILE_INTERVAL = Duration.ofMillis(250);
    static final Duration QUERY_INTERVAL = Duration.ofSeconds(1);
    static final Duration LOAD_INTERVAL = Duration.ofSeconds(1);
    static final Duration STREAM_LAG_INTERVAL = Duration.ofMillis(250);
    static final Duration REPLICA_LAG_INTERVAL = Duration.ofSeconds(1);
    static final Duration RETAINED_WAL_INTERVAL = Duration.ofSeconds(1);
    static final Duration RETENTION_INTERVAL = Duration.ofSeconds(10);

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
        if (s.maxLagMs() > 0) {
            List<ReplicaLagSource> replicas = dialect.replicaLag(s.replicas().isEmpty() ? open.open("osc replica lag ") : null, clock);
            readable(replicas);
            b.throttleOn(new ReplicaLagSignal(live.defineLimit("max-lag-ms", s.maxLagMs()), replicas), REPLICA_LAG_INTERVAL);
        }
        if (s.maxStreamLagMs() > 0) {
            b.throttleOn(new LimitSignal("max-stream-lag", "ms", live.defineLimit("max-stream-lag-ms", s.maxStreamLagMs()), new StreamLagProbe(stream::lagMillis, fence, s.maxStreamLagMs())),
                    STREAM_LAG_INTERVAL);
        }
        if (s.maxRetainedWalMb() > 0) {
            b.throttleOn(new LimitSignal("max-retained-wal", "MB", live.defineLimit("max-retained-wal-mb", s.maxRetainedWalMb()),
                            dialect.retainedWalMb(open.open("osc wal probe "))),
                    RETAINED_WAL_INTERVAL);
        }
        if (s.throttles()) {
            b.watching(dialect.streamRetention(open.open("osc retention "), stream::acknowledgedPosition), RETENTION_INTERVAL);
        }
        return b.build();
    }

    /**
     * Each replica is read once before the copy: one that cannot be read (a wrong URL, no
     * privilege, not a replica) is bad input (exit 2); later a failed read throttles instead.
     */
    private static void readable(List<ReplicaLagSource> replicas) {
        for (ReplicaLagSource r : replicas) {
            try {
                r.read();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw OscException.failed("interrupted while reading " + r.describe(), e);
            } catch (Exception e) {
                throw OscException.badInput("--max-lag-ms: cannot read " + r.describe() + ": " + e.getMessage());
            }
        }
    }
}
