package dev.osc.throttling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ThrottlerTest {
    private final FakeClock clock = new FakeClock();
    private final List<String> log = new ArrayList<>();

    /** A signal whose answer the test sets, counting its samples. */
    private static final class Switch implements ThrottleSignal {
        private final String name;
        volatile String reason;
        final AtomicInteger samples = new AtomicInteger();

        Switch(String name) {
            this.name = name;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public Optional<String> sample() {
            samples.incrementAndGet();
            return Optional.ofNullable(reason);
        }
    }

    @Test
    void samplesEachSignalOnItsOwnScheduleAndAnswersFromTheCacheBetween() throws Exception {
        Switch fast = new Switch("fast");
        Switch slow = new Switch("slow");
        Throttler throttler = Throttler.using(clock).throttleOn(fast, Duration.ofMillis(100)).throttleOn(slow, Duration.ofSeconds(1)).build();
        for (int i = 0; i < 10; i++) {
            throttler.decide();
            clock.advance(Duration.ofMillis(100));
        }
        assertThat(fast.samples).hasValue(10);
        assertThat(slow.samples).hasValue(1);

        slow.reason = "slow: busy";
        assertThat(throttler.decide().throttled()).as("sampled again once its second passed").isTrue();
        fast.reason = "fast: busy";
        assertThat(throttler.decide().signal()).as("the cached fast sample is still clear").isEqualTo("slow");
    }

    @Test
    void aCachedSampleHoldsUntilItsIntervalPasses() throws Exception {
        Switch flag = new Switch("flag");
        Throttler throttler = Throttler.using(clock).throttleOn(flag, Duration.ofSeconds(1)).build();
        assertThat(throttler.decide()).isEqualTo(ThrottleDecision.GO);
        flag.reason = "flag: set";
        clock.advance(Duration.ofMillis(999));
        assertThat(throttler.decide().throttled()).isFalse();
        clock.advance(Duration.ofMillis(1));
        assertThat(throttler.decide()).isEqualTo(new ThrottleDecision("flag", "flag: set"));
    }

    @Test
    void theFirstThrottlingSignalInOrderGivesTheReason() throws Exception {
        Switch first = new Switch("first");
        Switch second = new Switch("second");
        Throttler throttler = Throttler.using(clock).throttleOn(first, Duration.ZERO).throttleOn(second, Duration.ZERO).build();
        second.reason = "second: yes";
        assertThat(throttler.decide().signal()).isEqualTo("second");
        first.reason = "first: yes";
        assertThat(throttler.decide().signal()).isEqualTo("first");
        assertThat(throttler.current().reason()).isEqualTo("first: yes");
    }

    @Test
    void logsEveryChangeOnceAndCountsTheTimePerSignal() throws Exception {
        Switch flag = new Switch("flag");
        Switch load = new Switch("load");
        Throttler throttler = Throttler.using(clock).throttleOn(flag, Duration.ZERO).throttleOn(load, Duration.ZERO)
                .notifying(log::add).build();
        throttler.decide();
        flag.reason = "flag: set";
        for (int i = 0; i < 5; i++) {
            throttler.decide();
            clock.advance(Duration.ofMillis(100));
        }
        load.reason = "load: 7";
        flag.reason = null;
        throttler.decide();
        clock.advance(Duration.ofMillis(250));
        load.reason = "load: 9"; // the same signal with another value: no new line
        throttler.decide();
        clock.advance(Duration.ofMillis(50));
        load.reason = null;
        throttler.decide();
        throttler.decide();

        assertThat(log).containsExactly("throttled: flag: set", "throttled: load: 7 (flag released after 500 ms)",
                "throttle released after 800 ms (load cleared)");
        assertThat(throttler.throttledMillis()).isEqualTo(Map.of("flag", 500L, "load", 300L));
        assertThat(throttler.timesThrottled()).isEqualTo(Map.of("flag", 1L, "load", 1L));
    }

    @Test
    void everyLineNamesItsSourceEvenWhenTheReasonDoesNot() throws Exception {
        Switch query = new Switch("throttle-query");
        Throttler throttler = Throttler.using(clock).throttleOn(query, Duration.ZERO).notifying(log::add).build();
        query.reason = "returned 1";
        throttler.decide();
        query.reason = null;
        throttler.decide();
        query.reason = "throttle-query returned 2";
        throttler.decide();
        assertThat(log).containsExactly("throttled: throttle-query: returned 1", "throttle released after 0 ms (throttle-query cleared)",
                "throttled: throttle-query returned 2");
        assertThat(throttler.timesThrottled()).isEqualTo(Map.of("throttle-query", 2L));
    }

    @Test
    void theThrottleGoingOnNowIsCounted() throws Exception {
        Switch flag = new Switch("flag");
        flag.reason = "flag: set";
        Throttler throttler = Throttler.using(clock).throttleOn(flag, Duration.ofSeconds(1)).build();
        throttler.decide();
        clock.advance(Duration.ofMillis(1_500));
        assertThat(throttler.throttledMillis()).isEqualTo(Map.of("flag", 1_500L));
    }

    @Test
    void aCriticalSignalStopsTheRunWithItsReason() throws Exception {
        AtomicLong load = new AtomicLong(3);
        Throttler throttler = Throttler.using(clock)
                .abortOn(new LimitSignal("critical-load", "running threads", 10, load::get), Duration.ofSeconds(1)).build();
        assertThat(throttler.decide().throttled()).isFalse();
        load.set(10);
        assertThat(throttler.decide().throttled()).as("not sampled again within its second").isFalse();
        clock.advance(Duration.ofSeconds(1));
        assertThatThrownBy(throttler::decide).isInstanceOf(CriticalSignalException.class)
                .hasMessage("critical-load: 10 running threads (limit 10)");
    }

    @Test
    void aFailingProbeIsNotHidden() {
        Throttler throttler = Throttler.using(clock).throttleOn(new LimitSignal("query", "", 1, () -> {
            throw new IllegalStateException("relation does not exist");
        }), Duration.ZERO).build();
        assertThatThrownBy(throttler::decide).hasMessage("relation does not exist");
    }

    @Test
    void aLimitSignalThrottlesAtItsLimit() throws Exception {
        AtomicLong value = new AtomicLong(4);
        LimitSignal signal = new LimitSignal("max-load", "active sessions", 5, value::get);
        assertThat(signal.sample()).isEmpty();
        value.set(5);
        assertThat(signal.sample()).contains("max-load: 5 active sessions (limit 5)");
        assertThatThrownBy(() -> new LimitSignal("max-load", "x", 0, value::get)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theFlagFileThrottlesWhileItExists(@TempDir Path dir) throws Exception {
        Path flag = dir.resolve("pause");
        FlagFileSignal signal = new FlagFileSignal(flag);
        assertThat(signal.sample()).isEmpty();
        Files.createFile(flag);
        assertThat(signal.sample()).contains("flag-file: " + flag + " exists");
        Files.delete(flag);
        assertThat(signal.sample()).isEmpty();
    }

    /** A watch whose warning the test sets, told how long the copy has been held back. */
    private static final class Watch implements StreamWatch {
        volatile String warning;
        final List<Duration> asked = new ArrayList<>();

        @Override
        public String name() {
            return "stream-retention";
        }

        @Override
        public Optional<String> check(Duration throttledFor) {
            asked.add(throttledFor);
            return Optional.ofNullable(warning);
        }
    }

    @Test
    void aWatchIsToldHowLongTheThrottleLastsAndWarnsOnceAMinuteWhileInDanger() throws Exception {
        Switch flag = new Switch("flag");
        Watch watch = new Watch();
        Throttler throttler = Throttler.using(clock).throttleOn(flag, Duration.ZERO).watching(watch, Duration.ofSeconds(10))
                .notifying(log::add).build();
        throttler.decide();
        flag.reason = "flag: set";
        clock.advance(Duration.ofSeconds(10));
        throttler.decide();
        clock.advance(Duration.ofSeconds(10));
        watch.warning = "the binlog expires in 5 s";
        throttler.decide();
        assertThat(watch.asked).containsExactly(Duration.ZERO, Duration.ZERO, Duration.ofSeconds(10));
        for (int i = 0; i < 12; i++) {
            clock.advance(Duration.ofSeconds(10));
            throttler.decide();
        }
        watch.warning = null;
        clock.advance(Duration.ofSeconds(10));
        throttler.decide();
        assertThat(log).containsExactly("throttled: flag: set", "warning: stream-retention: the binlog expires in 5 s",
                "warning: stream-retention: the binlog expires in 5 s", "warning: stream-retention: the binlog expires in 5 s",
                "stream-retention: no longer in danger");
        assertThat(throttler.decide().throttled()).as("a watch never throttles").isTrue();
    }

    @Test
    void aWatchThatCannotCheckWarnsAndTheRunGoesOn() throws Exception {
        Throttler throttler = Throttler.using(clock).watching(new StreamWatch() {
            @Override
            public String name() {
                return "stream-retention";
            }

            @Override
            public Optional<String> check(Duration throttledFor) {
                throw new IllegalStateException("permission denied for view pg_replication_slots");
            }
        }, Duration.ZERO).notifying(log::add).build();
        assertThat(throttler.isEmpty()).isFalse();
        assertThat(throttler.decide()).isEqualTo(ThrottleDecision.GO);
        assertThat(log).containsExactly("warning: stream-retention: cannot check (permission denied for view pg_replication_slots)");
    }

    @Test
    void withoutSignalsItNeverThrottles() throws Exception {
        Throttler none = Throttler.none(clock);
        assertThat(none.isEmpty()).isTrue();
        assertThat(none.decide()).isEqualTo(ThrottleDecision.GO);
        assertThat(none.throttledMillis()).isEmpty();
    }
}
