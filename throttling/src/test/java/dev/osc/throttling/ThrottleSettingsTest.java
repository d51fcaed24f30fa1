package dev.osc.throttling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ThrottleSettingsTest {

    @Test
    void defaults() {
        ThrottleSettings d = ThrottleSettings.defaults();
        assertThat(d).isEqualTo(new ThrottleSettings(0, Duration.ofMillis(500), 1_000, 200_000, 10_000));
    }

    @Test
    void validationNamesTheSetting() {
        Duration t = Duration.ofMillis(500);
        assertThatThrownBy(() -> new ThrottleSettings(-1, t, 1, 10, 5))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxRowsPerSecond");
        assertThatThrownBy(() -> new ThrottleSettings(0, Duration.ZERO, 1, 10, 5))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("chunkTarget");
        assertThatThrownBy(() -> new ThrottleSettings(0, null, 1, 10, 5))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("chunkTarget");
        assertThatThrownBy(() -> new ThrottleSettings(0, Duration.ofSeconds(61), 1, 10, 5))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("chunkTarget");
        assertThatThrownBy(() -> new ThrottleSettings(0, t, 0, 10, 5))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("minChunkRows");
        assertThatThrownBy(() -> new ThrottleSettings(0, t, 10, 9, 9))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxChunkRows");
        assertThatThrownBy(() -> new ThrottleSettings(0, t, 1, 10, 11))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("initialChunkRows");
        assertThat(new ThrottleSettings(0, Duration.ofMinutes(1), 1, 1, 1).chunkTarget())
                .isEqualTo(Duration.ofMinutes(1));
    }

    @Test
    void liveThrottleSettersValidateAndApply() {
        LiveThrottle live = new LiveThrottle(ThrottleSettings.defaults());
        assertThat(live.maxRowsPerSecond()).isZero();
        assertThat(live.chunkTarget()).isEqualTo(Duration.ofMillis(500));
        assertThat(live.isPaused()).isFalse();

        live.setMaxRowsPerSecond(5_000);
        live.setChunkTarget(Duration.ofSeconds(2));
        live.pause();
        assertThat(live.maxRowsPerSecond()).isEqualTo(5_000);
        assertThat(live.chunkTarget()).isEqualTo(Duration.ofSeconds(2));
        assertThat(live.isPaused()).isTrue();
        live.resume();
        assertThat(live.isPaused()).isFalse();

        assertThatThrownBy(() -> live.setMaxRowsPerSecond(-5))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxRowsPerSecond");
        assertThatThrownBy(() -> live.setChunkTarget(Duration.ofMinutes(2)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("chunkTarget");
        assertThat(live.maxRowsPerSecond()).isEqualTo(5_000);
    }

    @Test
    void systemSleeperIgnoresZeroAndNegative() throws InterruptedException {
        Sleeper.SYSTEM.sleep(Duration.ZERO);
        Sleeper.SYSTEM.sleep(Duration.ofSeconds(-5));
        Sleeper.SYSTEM.sleep(Duration.ofNanos(1));
    }
}
