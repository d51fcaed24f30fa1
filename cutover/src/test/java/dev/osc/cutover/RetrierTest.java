package dev.osc.cutover;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RetrierTest {

    private final List<Duration> sleeps = new ArrayList<>();
    private final RetryPolicy policy = new RetryPolicy(4, Duration.ofMillis(10), Duration.ofMillis(25), 0.0);
    private final Retrier retrier = new Retrier(policy, sleeps::add, new SplittableRandom(3));

    @AfterEach
    void clearInterrupt() {
        Thread.interrupted();
    }

    @Test
    void retriesWhatThePredicateAcceptsWithBackoff() throws Exception {
        List<Integer> attempts = new ArrayList<>();

        String result = retrier.call(n -> {
            attempts.add(n);
            if (n < 3) {
                throw new IOException("lock timeout");
            }
            return "done";
        }, e -> e instanceof IOException);

        assertThat(result).isEqualTo("done");
        assertThat(attempts).containsExactly(1, 2, 3);
        assertThat(sleeps).containsExactly(Duration.ofMillis(10), Duration.ofMillis(20));
    }

    @Test
    void doesNotRetryWhatThePredicateRejects() {
        List<Integer> attempts = new ArrayList<>();
        IllegalStateException fatal = new IllegalStateException("syntax error");

        assertThatThrownBy(() -> retrier.call(n -> {
            attempts.add(n);
            throw fatal;
        }, e -> e instanceof IOException)).isSameAs(fatal);

        assertThat(attempts).containsExactly(1);
        assertThat(sleeps).isEmpty();
    }

    @Test
    void rethrowsTheLastExceptionWhenAttemptsAreExhausted() {
        List<Integer> attempts = new ArrayList<>();

        assertThatThrownBy(() -> retrier.call(n -> {
            attempts.add(n);
            throw new IOException("timeout #" + n);
        }, e -> true)).isInstanceOf(IOException.class).hasMessage("timeout #4");

        assertThat(attempts).containsExactly(1, 2, 3, 4);
        assertThat(sleeps).containsExactly(Duration.ofMillis(10), Duration.ofMillis(20), Duration.ofMillis(25));
    }

    @Test
    void interruptedBackoffRestoresTheFlagAndThrows() {
        Retrier interrupting = new Retrier(policy, d -> {
            throw new InterruptedException();
        }, new SplittableRandom(3));

        assertThatThrownBy(() -> interrupting.call(n -> {
            throw new IOException("timeout");
        }, e -> true)).isInstanceOf(InterruptedException.class);
        assertThat(Thread.currentThread().isInterrupted()).isTrue();
    }

    @Test
    void interruptedAttemptIsNotRetried() {
        List<Integer> attempts = new ArrayList<>();

        assertThatThrownBy(() -> retrier.call(n -> {
            attempts.add(n);
            throw new InterruptedException();
        }, e -> true)).isInstanceOf(InterruptedException.class);

        assertThat(attempts).containsExactly(1);
        assertThat(Thread.currentThread().isInterrupted()).isTrue();
    }
}
