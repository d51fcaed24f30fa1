package dev.osc.cutover;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {

    private static RandomGenerator fixed(double value) {
        return new RandomGenerator() {
            @Override
            public long nextLong() {
                throw new UnsupportedOperationException();
            }

            @Override
            public double nextDouble() {
                return value;
            }
        };
    }

    @Test
    void defaults() {
        assertThat(RetryPolicy.defaults())
                .isEqualTo(new RetryPolicy(10, Duration.ofMillis(50), Duration.ofSeconds(2), 0.5));
    }

    @Test
    void backoffGrowsExponentiallyAndIsCapped() {
        RetryPolicy p = new RetryPolicy(10, Duration.ofMillis(50), Duration.ofSeconds(2), 0.0);
        RandomGenerator r = new SplittableRandom(7);

        assertThat(p.backoff(1, r)).isEqualTo(Duration.ofMillis(50));
        assertThat(p.backoff(2, r)).isEqualTo(Duration.ofMillis(100));
        assertThat(p.backoff(3, r)).isEqualTo(Duration.ofMillis(200));
        assertThat(p.backoff(6, r)).isEqualTo(Duration.ofMillis(1_600));
        assertThat(p.backoff(7, r)).isEqualTo(Duration.ofSeconds(2));
        assertThat(p.backoff(1_000_000, r)).isEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void jitterStaysWithinBounds() {
        RetryPolicy p = new RetryPolicy(10, Duration.ofMillis(50), Duration.ofSeconds(2), 0.5);
        RandomGenerator r = new SplittableRandom(42);
        for (int attempt = 1; attempt <= 12; attempt++) {
            Duration uncapped = Duration.ofMillis(50).multipliedBy(1L << Math.min(attempt - 1, 20));
            Duration base = uncapped.compareTo(Duration.ofSeconds(2)) > 0 ? Duration.ofSeconds(2) : uncapped;
            for (int i = 0; i < 200; i++) {
                assertThat(p.backoff(attempt, r)).isBetween(base.dividedBy(2), base);
            }
        }
        assertThat(p.backoff(3, fixed(0.0))).isEqualTo(Duration.ofMillis(200));
        assertThat(p.backoff(3, fixed(0.999_999_999))).isGreaterThanOrEqualTo(Duration.ofMillis(100));
    }

    @Test
    void validationNamesTheSetting() {
        Duration ms50 = Duration.ofMillis(50);
        assertThatThrownBy(() -> new RetryPolicy(0, ms50, ms50, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxAttempts");
        assertThatThrownBy(() -> new RetryPolicy(1, Duration.ZERO, ms50, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("initialBackoff");
        assertThatThrownBy(() -> new RetryPolicy(1, ms50, Duration.ofMillis(49), 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxBackoff");
        assertThatThrownBy(() -> new RetryPolicy(1, ms50, ms50, 1.01))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("jitter");
        assertThatThrownBy(() -> new RetryPolicy(1, ms50, ms50, Double.NaN))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("jitter");
        assertThatThrownBy(() -> RetryPolicy.defaults().backoff(0, new SplittableRandom()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("attempt");
    }
}
