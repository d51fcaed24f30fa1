package dev.osc.engine.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** A lag over the limit is confirmed with a sentinel: a stale lag from an idle stream does not hold the copy. */
class StreamLagProbeTest {
    private final AtomicLong lag = new AtomicLong();
    private final List<Duration> sentinels = new ArrayList<>();

    @Test
    void aLagUnderTheLimitIsReadAsItIs() throws Exception {
        lag.set(400);
        assertThat(new StreamLagProbe(lag::get, timeout -> { sentinels.add(timeout); return true; }, 500).read()).isEqualTo(400);
        assertThat(sentinels).isEmpty();
    }

    @Test
    void aStaleLagIsRefreshedByASentinelThatComesBack() throws Exception {
        lag.set(9_000);
        StreamLagProbe probe = new StreamLagProbe(lag::get, timeout -> {
            sentinels.add(timeout);
            lag.set(15); // the sentinel's own batch measured the lag anew
            return true;
        }, 5_000);
        assertThat(probe.read()).isEqualTo(15);
        assertThat(sentinels).containsExactly(Duration.ofSeconds(1));
    }

    @Test
    void aSentinelThatDoesNotComeBackKeepsTheLag() throws Exception {
        lag.set(700);
        StreamLagProbe probe = new StreamLagProbe(lag::get, timeout -> {
            sentinels.add(timeout);
            return false;
        }, 300);
        assertThat(probe.read()).isEqualTo(700);
        assertThat(sentinels).as("waits no longer than the limit").containsExactly(Duration.ofMillis(300));
    }
}
