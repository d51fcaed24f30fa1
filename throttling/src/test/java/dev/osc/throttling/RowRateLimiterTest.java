package dev.osc.throttling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RowRateLimiterTest {

    private final FakeClock clock = new FakeClock();
    private final FakeSleeper sleeper = new FakeSleeper(clock);

    private LiveThrottle throttle(long rowsPerSecond) {
        return new LiveThrottle(new ThrottleSettings(rowsPerSecond, Duration.ofMillis(500), 1, 1_000_000, 1_000));
    }

    @Test
    void honoursTheRateWithAOneSecondBurst() throws InterruptedException {
        RowRateLimiter limiter = new RowRateLimiter(clock, sleeper, throttle(1_000));
        Instant start = clock.instant();

        for (int i = 0; i < 10; i++) {
            limiter.acquire(1_000);
        }

        Duration elapsed = Duration.between(start, clock.instant());
        assertThat(elapsed).isBetween(Duration.ofSeconds(9), Duration.ofSeconds(10));
        assertThat(limiter.throttledTime()).isEqualTo(elapsed);
        assertThat(sleeper.total()).isEqualTo(elapsed);
    }

    @Test
    void longRunRateDoesNotExceedTheLimitWithSmallAcquires() throws InterruptedException {
        RowRateLimiter limiter = new RowRateLimiter(clock, sleeper, throttle(500));
        Instant start = clock.instant();

        for (int i = 0; i < 1_000; i++) {
            limiter.acquire(10); // 10,000 rows at 500 rows/s = 20 s, minus at most a 1 s burst
        }

        assertThat(Duration.between(start, clock.instant()))
                .isBetween(Duration.ofSeconds(19), Duration.ofSeconds(20));
    }

    @Test
    void idleTimeDoesNotBuildUpMoreThanOneSecondOfBurst() throws InterruptedException {
        RowRateLimiter limiter = new RowRateLimiter(clock, sleeper, throttle(1_000));
        limiter.acquire(1_000);
        clock.advance(Duration.ofMinutes(10));

        limiter.acquire(1_000); // within the burst after idling
        assertThat(sleeper.sleeps).isEmpty();
        limiter.acquire(1_000);
        assertThat(sleeper.total()).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void unlimitedNeverSleeps() throws InterruptedException {
        RowRateLimiter limiter = new RowRateLimiter(clock, sleeper, throttle(0));

        for (int i = 0; i < 100; i++) {
            limiter.acquire(1_000_000);
        }

        assertThat(sleeper.sleeps).isEmpty();
        assertThat(limiter.throttledTime()).isZero();
    }

    @Test
    void liveRateChangeAppliesAtTheNextAcquire() throws InterruptedException {
        LiveThrottle throttle = throttle(1_000);
        RowRateLimiter limiter = new RowRateLimiter(clock, sleeper, throttle);
        limiter.acquire(1_000); // burst
        limiter.acquire(1_000); // waits 1 s
        assertThat(sleeper.total()).isEqualTo(Duration.ofSeconds(1));

        throttle.setMaxRowsPerSecond(100);
        Instant before = clock.instant();
        limiter.acquire(1_000); // 1,000 rows at 100 rows/s = 10 s
        assertThat(Duration.between(before, clock.instant())).isEqualTo(Duration.ofSeconds(10));

        throttle.setMaxRowsPerSecond(0);
        int sleepsSoFar = sleeper.sleeps.size();
        limiter.acquire(1_000_000);
        assertThat(sleeper.sleeps).hasSize(sleepsSoFar);
    }

    @Test
    void rateChangeDuringALongWaitIsNoticed() throws InterruptedException {
        LiveThrottle throttle = throttle(1);
        RowRateLimiter limiter = new RowRateLimiter(clock, sleeper, throttle);
        sleeper.afterEachSleep = () -> throttle.setMaxRowsPerSecond(1_000_000);
        Instant start = clock.instant();

        limiter.acquire(3_600); // would be about an hour at 1 row/s

        assertThat(Duration.between(start, clock.instant())).isLessThanOrEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void aPauseIsNotTheLimitersToHold() throws InterruptedException {
        // the copy loop's throttler holds a paused copy (PauseSignal), applying changes meanwhile; the limiter must not
        LiveThrottle throttle = throttle(0);
        throttle.pause();
        RowRateLimiter limiter = new RowRateLimiter(clock, sleeper, throttle);

        limiter.acquire(1_000);

        assertThat(sleeper.sleeps).isEmpty();
        assertThat(new PauseSignal(throttle).sample()).contains("paused");
        throttle.resume();
        assertThat(new PauseSignal(throttle).sample()).isEmpty();
    }

    @Test
    void aChunkIsCappedAtOneSecondOfRowsSoARateChangeTakesEffectAtTheNextChunk() throws InterruptedException {
        LiveThrottle throttle = throttle(500);
        RowRateLimiter limiter = new RowRateLimiter(clock, sleeper, throttle);
        assertThat(limiter.cap(10_000)).isEqualTo(500);
        assertThat(limiter.cap(200)).isEqualTo(200);
        limiter.acquire(limiter.cap(10_000)); // the burst
        Instant start = clock.instant();
        limiter.acquire(limiter.cap(10_000));
        assertThat(Duration.between(start, clock.instant())).isEqualTo(Duration.ofSeconds(1));

        throttle.setMaxRowsPerSecond(5_000);
        assertThat(limiter.cap(10_000)).isEqualTo(5_000);
        throttle.setMaxRowsPerSecond(0);
        assertThat(limiter.cap(10_000)).isEqualTo(10_000);
    }

    @Test
    void interruptedSleepPropagates() {
        Sleeper interrupting = d -> {
            throw new InterruptedException("stop");
        };
        RowRateLimiter limiter = new RowRateLimiter(clock, interrupting, throttle(1));

        assertThatThrownBy(() -> {
            limiter.acquire(1);
            limiter.acquire(1);
        }).isInstanceOf(InterruptedException.class);
    }

    @Test
    void negativeRowsAreRejected() {
        RowRateLimiter limiter = new RowRateLimiter(clock, sleeper, throttle(1));
        assertThatThrownBy(() -> limiter.acquire(-1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("rows");
    }
}
