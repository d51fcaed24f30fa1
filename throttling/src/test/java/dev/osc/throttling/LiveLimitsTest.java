package dev.osc.throttling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** A signal's limit defined live is read on every sample, so a change applies at the next decision; the pause is a signal too. */
class LiveLimitsTest {
    private final FakeClock clock = new FakeClock();
    private final LiveThrottle live = new LiveThrottle(ThrottleSettings.defaults());
    private long load = 12;

    @Test
    void aChangedLimitAppliesAtTheNextSample() throws Exception {
        Throttler throttler = Throttler.using(clock)
                .throttleOn(new LimitSignal("max-load", "sessions", live.defineLimit("max-load", 10), () -> load), Duration.ZERO).build();
        assertThat(throttler.decide().reason()).isEqualTo("max-load: 12 sessions (limit 10)");

        live.setLimit("max-load", 20);

        assertThat(throttler.decide().throttled()).isFalse();
        assertThat(live.limits()).containsEntry("max-load", 20L);
    }

    @Test
    void onlyADefinedLimitCanBeChangedAndOnlyToOneOrMore() {
        live.defineLimit("max-load", 10);
        assertThatThrownBy(() -> live.setLimit("max-lag-ms", 5)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("max-lag-ms is not watched by this run");
        assertThatThrownBy(() -> live.setLimit("max-load", 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("max-load must be at least 1");
        assertThatThrownBy(() -> live.defineLimit("max-load", 3)).isInstanceOf(IllegalArgumentException.class);
        assertThat(live.limits()).containsExactly(java.util.Map.entry("max-load", 10L));
    }

    @Test
    void thePauseComesFirstAndIsReleasedByResume() throws Exception {
        Throttler throttler = Throttler.using(clock).throttleOn(new PauseSignal(live), Duration.ZERO)
                .throttleOn(new LimitSignal("max-load", "sessions", live.defineLimit("max-load", 10), () -> load), Duration.ZERO).build();
        live.pause();
        assertThat(throttler.decide()).isEqualTo(new ThrottleDecision("paused", "paused"));
        clock.advance(Duration.ofSeconds(3));
        live.resume();
        assertThat(throttler.decide().signal()).isEqualTo("max-load");
        assertThat(throttler.throttledMillis()).containsEntry("paused", 3_000L);
    }
}
