package dev.osc.engine.unit;

import dev.osc.engine.testkit.MovingClock;
import static org.assertj.core.api.Assertions.assertThat;

import dev.osc.engine.copy.ApplyOutcome;
import dev.osc.engine.copy.Bound;
import dev.osc.engine.copy.ChunkCopier;
import dev.osc.engine.copy.CopyLoop;
import dev.osc.engine.copy.CopyOutcome;
import dev.osc.engine.copy.CopyWatermark;
import dev.osc.engine.copy.DirtyKeys;
import dev.osc.engine.run.RunProgress;
import dev.osc.throttling.ChunkSizer;
import dev.osc.throttling.LiveThrottle;
import dev.osc.throttling.RowRateLimiter;
import dev.osc.throttling.Sleeper;
import dev.osc.throttling.ThrottleSettings;
import dev.osc.throttling.ThrottleSignal;
import dev.osc.throttling.Throttler;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** While a throttle signal holds the copy, no chunk is copied and the changes that arrive are applied. */
class CopyLoopThrottleTest {
    private final MovingClock clock = new MovingClock();
    private final DirtyKeys dirty = new DirtyKeys();
    private final RunProgress progress = new RunProgress();
    private final List<String> events = new ArrayList<>();
    private final List<String> log = new ArrayList<>();
    private final List<String> reasonsSeen = new ArrayList<>();
    private boolean held;
    private int throttledSleeps;

    @Test
    void aThrottledCopyWaitsAndKeepsApplyingChanges() throws Exception {
        ThrottleSettings settings = new ThrottleSettings(0, Duration.ofMillis(500), 1, 10, 10);
        LiveThrottle live = new LiveThrottle(settings);
        ThrottleSignal flag = new ThrottleSignal() {
            @Override
            public String name() {
                return "flag";
            }

            @Override
            public Optional<String> sample() {
                return held ? Optional.of("flag: set") : Optional.empty();
            }
        };
        Throttler throttler = Throttler.using(clock).throttleOn(flag, Duration.ZERO).notifying(log::add).build();
        Sleeper sleeper = d -> {
            clock.now = clock.now.plus(d);
            if (held) {
                reasonsSeen.add(progress.throttleReason.get());
                // the stream delivers a change below the committed watermark while the copy waits
                dirty.mark(List.of(Integer.toString(++throttledSleeps)), 0);
                held = throttledSleeps < 5;
            }
        };
        CopyLoop loop = new CopyLoop(threeChunks(), dirty, new CopyWatermark(), new ChunkSizer(settings, live),
                new RowRateLimiter(clock, sleeper, live), throttler, progress, clock, sleeper, () -> { }, 100);

        loop.copyAll((batch, upTo) -> {
            batch.keys().forEach(k -> events.add("apply " + k.get(0)));
            return new ApplyOutcome(true, batch.size(), List.of());
        });

        assertThat(events).containsExactly("copy 1", "apply 1", "apply 2", "apply 3", "apply 4", "apply 5", "copy 2", "copy 3");
        assertThat(reasonsSeen).hasSize(5).containsOnly("flag: set");
        assertThat(progress.throttleReason.get()).as("released").isNull();
        assertThat(log).containsExactly("throttled: flag: set", "throttle released after 500 ms (flag cleared)");
        assertThat(throttler.throttledMillis()).containsEntry("flag", 500L);
        assertThat(dirty.size()).isZero();
    }

    /** Three chunks of 10 rows; after the first one the flag is set. */
    private ChunkCopier threeChunks() {
        return new ChunkCopier() {
            private int copied;

            @Override
            public Optional<List<String>> upperBound(Bound lower, int rows) {
                return copied < 2 ? Optional.of(List.of(Integer.toString((copied + 1) * 10))) : Optional.empty();
            }

            @Override
            public CopyOutcome copy(Bound lower, Bound upper) {
                events.add("copy " + ++copied);
                held = copied == 1;
                return new CopyOutcome(10, List.of());
            }

            @Override
            public CopyOutcome recopy(Bound lower, Bound upper) {
                throw new AssertionError("no recopy here");
            }
        };
    }
}
