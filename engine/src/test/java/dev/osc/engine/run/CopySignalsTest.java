package dev.osc.engine.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.osc.cdc.ChangeStream;
import dev.osc.cdc.StreamPosition;
import dev.osc.engine.shadow.ShadowDialect;
import dev.osc.engine.testkit.MovingClock;
import dev.osc.throttling.Probe;
import dev.osc.throttling.ReplicaLag;
import dev.osc.throttling.ReplicaLagSource;
import dev.osc.throttling.StreamWatch;
import dev.osc.throttling.Throttler;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which signals a run's settings turn on, in which order their reasons win, and what is read before the copy. */
class CopySignalsTest {
    private final List<String> opened = new ArrayList<>();
    private final List<String> log = new ArrayList<>();
    private final AtomicReference<Connection> primaryAskedWith = new AtomicReference<>();
    private final AtomicLong retainedMb = new AtomicLong();
    private final AtomicReference<String> danger = new AtomicReference<>();
    private final List<ReplicaLag> lags = new ArrayList<>();
    private volatile Exception replicaFailure;
    private final MovingClock clock = new MovingClock();

    private final ReplicaLagSource replica = new ReplicaLagSource() {
        @Override
        public String describe() {
            return "replica mariadb://r1:3306/app";
        }

        @Override
        public List<ReplicaLag> read() throws Exception {
            if (replicaFailure != null) {
                throw replicaFailure;
            }
            return List.copyOf(lags);
        }
    };

    /** A dialect with only what the signals ask of it. */
    private final ShadowDialect dialect = (ShadowDialect) Proxy.newProxyInstance(getClass().getClassLoader(),
            new Class<?>[] {ShadowDialect.class}, (proxy, method, args) -> switch (method.getName()) {
                case "replicaLag" -> {
                    primaryAskedWith.set((Connection) args[0]);
                    yield List.of(replica);
                }
                case "retainedWalMb" -> (Probe) retainedMb::get;
                case "streamRetention" -> new StreamWatch() {
                    @Override
                    public String name() {
                        return "stream-retention";
                    }

                    @Override
                    public Optional<String> check(Duration throttledFor) {
                        return Optional.ofNullable(danger.get());
                    }
                };
                default -> throw new UnsupportedOperationException(method.getName());
            });

    private final ChangeStream stream = (ChangeStream) Proxy.newProxyInstance(getClass().getClassLoader(),
            new Class<?>[] {ChangeStream.class}, (proxy, method, args) -> switch (method.getName()) {
                case "acknowledgedPosition" -> (StreamPosition) null;
                case "lagMillis" -> 0L;
                default -> throw new UnsupportedOperationException(method.getName());
            });

    private Throttler build(SignalSettings s) throws Exception {
        return CopySignals.build(s, new dev.osc.throttling.LiveThrottle(dev.osc.throttling.ThrottleSettings.defaults()), clock, dialect, role -> {
            opened.add(role);
            return (Connection) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Connection.class},
                    (proxy, method, args) -> null);
        }, stream, timeout -> true, log::add);
    }

    /** Every signal's interval passes between two decisions. */
    private dev.osc.throttling.ThrottleDecision decide(Throttler throttler) throws Exception {
        clock.now = clock.now.plusSeconds(10);
        return throttler.decide();
    }

    private static SignalSettings signals(Path flag, long maxLagMs, List<String> replicas, long maxRetainedWalMb) {
        return new SignalSettings(flag, null, 0, 0, 0, maxLagMs, replicas, maxRetainedWalMb);
    }

    @Test
    void withoutSignalsNothingIsWatchedAndNothingOpened() throws Exception {
        // only the manual pause, which reads no database
        assertThat(build(SignalSettings.NONE).decide().throttled()).isFalse();
        assertThat(opened).isEmpty();
    }

    @Test
    void replicaLagOnThePrimaryItsWalAndTheStreamsRetentionEachOnAConnectionOfItsOwn(@TempDir Path dir) throws Exception {
        Path flag = dir.resolve("hold");
        Throttler throttler = build(signals(flag, 1_000, List.of(), 1_024));
        assertThat(opened).containsExactly("osc replica lag ", "osc wal probe ", "osc retention ");
        assertThat(primaryAskedWith.get()).as("without --replica, the primary's standbys").isNotNull();

        assertThat(decide(throttler).throttled()).isFalse();
        retainedMb.set(2_048);
        lags.add(ReplicaLag.behind("standby s1", 1_500));
        Files.createFile(flag);
        danger.set("slot s holds back more WAL than max_slot_wal_keep_size");
        assertThat(decide(throttler).reason()).as("the flag file first").isEqualTo("flag-file: " + flag + " exists");
        Files.delete(flag);
        assertThat(decide(throttler).reason()).isEqualTo("max-lag: standby s1 is 1500 ms behind (limit 1000 ms)");
        lags.clear();
        assertThat(decide(throttler).reason()).isEqualTo("max-retained-wal: 2048 MB (limit 1024)");
        assertThat(log).contains("warning: stream-retention: slot s holds back more WAL than max_slot_wal_keep_size",
                "throttled: max-lag: standby s1 is 1500 ms behind (limit 1000 ms) (flag-file released after 10000 ms)");
    }

    @Test
    void namedReplicasAreReadOnTheirOwnAndOnceBeforeTheCopy() throws Exception {
        replicaFailure = new java.sql.SQLException("Access denied for user 'osc'@'10.0.0.1'");
        OscException e = catchThrowableOfType(OscException.class,
                () -> build(signals(null, 1_000, List.of("jdbc:mariadb://r1:3306/app"), 0)));
        assertThat(e.status()).isEqualTo(ExitStatus.BAD_INPUT);
        assertThat(e.getMessage()).isEqualTo("--max-lag-ms: cannot read replica mariadb://r1:3306/app: Access denied for user 'osc'@'10.0.0.1'");
        assertThat(primaryAskedWith.get()).as("named replicas: no connection to the primary for them").isNull();
        assertThat(opened).doesNotContain("osc replica lag ");

        replicaFailure = null;
        Throttler throttler = build(signals(null, 1_000, List.of("jdbc:mariadb://r1:3306/app"), 0));
        replicaFailure = new java.sql.SQLException("Connection refused");
        assertThat(decide(throttler).reason()).as("later, a replica that cannot be read throttles")
                .isEqualTo("max-lag: cannot read replica mariadb://r1:3306/app: Connection refused");
    }
}
