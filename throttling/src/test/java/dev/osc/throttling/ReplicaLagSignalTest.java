package dev.osc.throttling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReplicaLagSignalTest {

    /** A source whose replicas the test sets; it fails while {@code failure} is set. */
    private static final class Replicas implements ReplicaLagSource {
        private final String what;
        volatile List<ReplicaLag> lags = List.of();
        volatile Exception failure;

        Replicas(String what) {
            this.what = what;
        }

        @Override
        public String describe() {
            return what;
        }

        @Override
        public List<ReplicaLag> read() throws Exception {
            if (failure != null) {
                throw failure;
            }
            return lags;
        }
    }

    private final Replicas primary = new Replicas("the standbys of postgresql://db1:5432/app");
    private final Replicas named = new Replicas("replica mariadb://db2:3306/app");
    private final ReplicaLagSignal signal = new ReplicaLagSignal(1_000, List.of(primary, named));

    @Test
    void throttlesAtTheLimitNamingTheMostLaggingReplica() throws Exception {
        assertThat(signal.sample()).as("no replica at all: no lag").isEmpty();
        primary.lags = List.of(ReplicaLag.behind("standby s1", 200), ReplicaLag.behind("standby s2", 999));
        named.lags = List.of(ReplicaLag.behind("replica db2", 300));
        assertThat(signal.sample()).isEmpty();
        named.lags = List.of(ReplicaLag.behind("replica db2", 1_000));
        assertThat(signal.sample()).contains("max-lag: replica db2 is 1000 ms behind (limit 1000 ms)");
        primary.lags = List.of(ReplicaLag.behind("standby s1", 5_000));
        assertThat(signal.sample()).contains("max-lag: standby s1 is 5000 ms behind (limit 1000 ms)");
    }

    @Test
    void aReplicaThatDoesNotReplicateOrCannotBeReadThrottlesWithWhy() throws Exception {
        primary.lags = List.of(ReplicaLag.behind("standby s1", 5_000));
        named.lags = List.of(ReplicaLag.stopped("replica db2", "Seconds_Behind_Master is NULL (Slave_SQL_Running: No)"));
        assertThat(signal.sample()).as("a stopped replica before the most lagging one")
                .contains("max-lag: replica db2 is not replicating: Seconds_Behind_Master is NULL (Slave_SQL_Running: No)");
        named.failure = new SQLException("Connection refused");
        assertThat(signal.sample()).contains("max-lag: cannot read replica mariadb://db2:3306/app: Connection refused");
        named.failure = null;
        named.lags = List.of(ReplicaLag.behind("replica db2", 0));
        primary.lags = List.of();
        assertThat(signal.sample()).as("released once it is back").isEmpty();
    }

    @Test
    void anInterruptIsNotTakenForAnUnreadableReplica() {
        named.failure = new InterruptedException();
        assertThatThrownBy(signal::sample).isInstanceOf(InterruptedException.class);
    }

    @Test
    void throttlesTheCopyOnTheThrottlersScheduleAndLogsTheChange() throws Exception {
        FakeClock clock = new FakeClock();
        List<String> log = new ArrayList<>();
        Throttler throttler = Throttler.using(clock).throttleOn(signal, Duration.ofSeconds(1)).notifying(log::add).build();
        assertThat(throttler.decide().throttled()).isFalse();
        named.lags = List.of(ReplicaLag.behind("replica db2", 4_000));
        assertThat(throttler.decide().throttled()).as("cached until its second passed").isFalse();
        clock.advance(Duration.ofSeconds(1));
        assertThat(throttler.decide()).isEqualTo(new ThrottleDecision("max-lag", "max-lag: replica db2 is 4000 ms behind (limit 1000 ms)"));
        named.lags = List.of(ReplicaLag.behind("replica db2", 10));
        clock.advance(Duration.ofSeconds(3));
        assertThat(throttler.decide().throttled()).isFalse();
        assertThat(log).containsExactly("throttled: max-lag: replica db2 is 4000 ms behind (limit 1000 ms)",
                "throttle released after 3000 ms (max-lag cleared)");
    }

    @Test
    void theLimitIsAtLeastOneMillisecond() {
        assertThatThrownBy(() -> new ReplicaLagSignal(0, List.of())).isInstanceOf(IllegalArgumentException.class);
    }
}
