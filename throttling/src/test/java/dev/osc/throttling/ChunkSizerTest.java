package dev.osc.throttling;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ChunkSizerTest {

    private static final Duration TARGET = Duration.ofMillis(500);

    private final ThrottleSettings settings = new ThrottleSettings(0, TARGET, 100, 50_000, 1_000);
    private final LiveThrottle throttle = new LiveThrottle(settings);
    private final ChunkSizer sizer = new ChunkSizer(settings, throttle);

    private static Duration timeFor(int rows, double rowsPerSecond) {
        return Duration.ofNanos(Math.round(rows / rowsPerSecond * 1e9));
    }

    @Test
    void startsAtInitialChunkRows() {
        assertThat(sizer.nextChunkRows()).isEqualTo(1_000);
    }

    @Test
    void growsByAtMostOneAndAHalfTimesPerStep() {
        int previous = sizer.nextChunkRows();
        for (int i = 0; i < 10; i++) {
            sizer.record(previous, Duration.ofMillis(1)); // very fast: target would allow far more
            int next = sizer.nextChunkRows();
            assertThat(next).isLessThanOrEqualTo((int) (previous * 1.5)).isGreaterThan(previous);
            previous = next;
        }
    }

    @Test
    void dropsToATenthAfterAChunkFiveTimesOverTarget() {
        ThrottleSettings wide = new ThrottleSettings(0, TARGET, 10, 200_000, 20_000);
        ChunkSizer s = new ChunkSizer(wide, new LiveThrottle(wide));

        s.record(20_000, TARGET.multipliedBy(5).plusMillis(1));

        assertThat(s.nextChunkRows()).isEqualTo(2_000);
    }

    @Test
    void exactlyFiveTimesOverIsNotAPanic() {
        ThrottleSettings wide = new ThrottleSettings(0, TARGET, 10, 200_000, 20_000);
        ChunkSizer s = new ChunkSizer(wide, new LiveThrottle(wide));

        s.record(20_000, TARGET.multipliedBy(5));

        assertThat(s.nextChunkRows()).isEqualTo(4_000); // aims at target: a fifth
    }

    @Test
    void staysWithinBounds() {
        for (int i = 0; i < 50; i++) {
            sizer.record(sizer.nextChunkRows(), Duration.ofNanos(1));
        }
        assertThat(sizer.nextChunkRows()).isEqualTo(50_000);

        for (int i = 0; i < 50; i++) {
            sizer.record(sizer.nextChunkRows(), Duration.ofMinutes(1));
        }
        assertThat(sizer.nextChunkRows()).isEqualTo(100);
    }

    @Test
    void convergesNearTargetForAConstantRate() {
        double rowsPerSecond = 20_000; // 500 ms target -> 10,000 rows
        for (int i = 0; i < 30; i++) {
            int rows = sizer.nextChunkRows();
            sizer.record(rows, timeFor(rows, rowsPerSecond));
        }
        assertThat(sizer.nextChunkRows()).isBetween(9_900, 10_000);
    }

    @Test
    void followsALiveChangeOfTheChunkTarget() {
        double rowsPerSecond = 20_000;
        for (int i = 0; i < 30; i++) {
            int rows = sizer.nextChunkRows();
            sizer.record(rows, timeFor(rows, rowsPerSecond));
        }
        throttle.setChunkTarget(Duration.ofMillis(100));
        int rows = sizer.nextChunkRows();
        sizer.record(rows, timeFor(rows, rowsPerSecond));

        assertThat(sizer.nextChunkRows()).isBetween(1_900, 2_000);
    }

    @Test
    void slowOutliersInTheWindowKeepTheSizeConservative() {
        ThrottleSettings wide = new ThrottleSettings(0, TARGET, 10, 200_000, 10_000);
        ChunkSizer s = new ChunkSizer(wide, new LiveThrottle(wide));
        s.record(10_000, Duration.ofMillis(1_000)); // 10k rows/s: the slow one
        for (int i = 0; i < 8; i++) {
            s.record(10_000, Duration.ofMillis(250)); // 40k rows/s
        }
        // p90 of time per row over 9 observations is the slow one: 10k rows/s -> 5,000 rows for 500 ms
        assertThat(s.nextChunkRows()).isEqualTo(5_000);
    }
}
