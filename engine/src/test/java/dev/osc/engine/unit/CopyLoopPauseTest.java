package dev.osc.engine.unit;

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
import dev.osc.throttling.PauseSignal;
import dev.osc.throttling.RowRateLimiter;
import dev.osc.throttling.Sleeper;
import dev.osc.throttling.ThrottleSettings;
import dev.osc.throttling.Throttler;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * A manual pause asked while a chunk is in flight stops the copy after that chunk; changes keep
 * being applied while paused; a rate set meanwhile sizes the next chunk. On a fake clock.
 */
class CopyLoopPauseTest {
    private final dev.osc.engine.testkit.MovingClock clock = new dev.osc.engine.testkit.MovingClock();
    private final DirtyKeys dirty = new DirtyKeys();
    private final RunProgress progress = new RunProgress();
    private final List<String> events = new ArrayList<>();
    private final ThrottleSettings settings = new ThrottleSettings(100, Duration.ofMillis(500), 1, 1_000, 1_000);
    private final LiveThrottle live = new LiveThrottle(settings);
    private int pausedSleeps;

    @Test
    void aPauseStopsTheCopyWithinOneChunkAndTheApplierKeepsApplying() throws Exception {
        Sleeper sleeper = d -> {
            clock.now = clock.now.plus(d);
            if (live.isPaused()) {
                assertThat(progress.throttleReason.get()).isEqualTo("paused");
                // the stream delivers a change to a copied row while the copy is paused
                dirty.mark(List.of(Integer.toString(++pausedSleeps)), 0);
                if (pausedSleeps == 4) {
                    live.setMaxRowsPerSecond(300);
                    live.resume();
                }
            }
        };
        Throttler throttler = Throttler.using(clock).throttleOn(new PauseSignal(live), Duration.ZERO).build();
        CopyLoop loop = new CopyLoop(chunks(), dirty, new CopyWatermark(), new ChunkSizer(settings, live),
                new RowRateLimiter(clock, sleeper, live), throttler, progress, clock, sleeper, () -> { }, 100);

        loop.copyAll((batch, upTo) -> {
            batch.keys().forEach(k -> events.add("apply " + k.get(0)));
            return new ApplyOutcome(true, batch.size(), List.of());
        });

        assertThat(events).containsExactly("copy 100 rows", "apply 1", "apply 2", "apply 3", "apply 4", "copy 300 rows", "copy 300 rows");
        assertThat(throttler.throttledMillis()).containsEntry("paused", 400L);
        assertThat(progress.throttleReason.get()).as("resumed").isNull();
    }

    /** Copies in chunks of the size asked for; the pause is asked while the first chunk is in flight. */
    private ChunkCopier chunks() {
        return new ChunkCopier() {
            private int copied;

            @Override
            public Optional<List<String>> upperBound(Bound lower, int rows) {
                events.add("copy " + rows + " rows");
                return copied < 2 ? Optional.of(List.of(Integer.toString(++copied))) : Optional.empty();
            }

            @Override
            public CopyOutcome copy(Bound lower, Bound upper) {
                if (copied == 1) {
                    live.pause();
                }
                return new CopyOutcome(1, List.of());
            }

            @Override
            public CopyOutcome recopy(Bound lower, Bound upper) {
                throw new AssertionError("no recopy here");
            }
        };
    }
}
