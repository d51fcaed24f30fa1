package dev.osc.engine.unit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.osc.engine.copy.ApplyOutcome;
import dev.osc.engine.copy.Bound;
import dev.osc.engine.copy.ChunkCopier;
import dev.osc.engine.copy.CopyLoop;
import dev.osc.engine.copy.CopyOutcome;
import dev.osc.engine.copy.CopyWatermark;
import dev.osc.engine.copy.DirtyKeys;
import dev.osc.engine.copy.KeyApplier;
import dev.osc.engine.copy.ShadowKey;
import dev.osc.engine.run.RunProgress;
import dev.osc.engine.testkit.MovingClock;
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

/**
 * A shadow copied without its primary key: no change is applied before the key is built; the key
 * is built early when it is due, when the copy is throttled with changes waiting, or by the first
 * catch-up after the copy; and the stream's acknowledgement stays behind the waiting changes.
 */
class CopyLoopDeferredKeyTest {
    private final MovingClock clock = new MovingClock();
    private final DirtyKeys dirty = new DirtyKeys();
    private final RunProgress progress = new RunProgress();
    private final List<String> events = new ArrayList<>();
    private final ThrottleSettings settings = new ThrottleSettings(0, Duration.ofMillis(500), 1, 10, 10);
    private final LiveThrottle live = new LiveThrottle(settings);
    private final Sleeper sleeper = d -> clock.now = clock.now.plus(d);
    private final KeyApplier applier = (batch, upTo) -> {
        batch.keys().forEach(k -> events.add("apply " + k.get(0)));
        return new ApplyOutcome(true, batch.size(), List.of());
    };
    private long sequence;
    /** The key is due once this many changes wait. */
    private int dueAt = Integer.MAX_VALUE;
    private boolean throttled;

    private final ShadowKey key = new ShadowKey() {
        private boolean present;

        @Override
        public boolean present() {
            return present;
        }

        @Override
        public String dueEarly(int dirtyKeys) {
            return dirtyKeys >= dueAt ? dirtyKeys + " wait" : null;
        }

        @Override
        public void build(String why) {
            assertThat(present).as("built once").isFalse();
            events.add("build key (" + why + ")");
            present = true;
        }
    };

    @Test
    void changesDuringTheCopyWaitForTheKeyTheCatchUpBuildsAndTheAcknowledgementStaysBehindThem() throws Exception {
        CopyLoop loop = loop(Throttler.none(clock));

        loop.copyAll(applier);

        assertThat(events).containsExactly("copy 1", "copy 2", "copy 3");
        assertThat(dirty.size()).isEqualTo(6);
        assertThat(dirty.acknowledgeable()).as("nothing acknowledged past a change not applied").isZero();

        loop.catchUp(applier, 0, Duration.ofMinutes(1));

        assertThat(events.subList(3, events.size())).containsExactly("build key (6 changes are to be applied)",
                "apply 1a", "apply 1b", "apply 2a", "apply 2b", "apply 3a", "apply 3b");
        assertThat(dirty.acknowledgeable()).isEqualTo(6);
    }

    @Test
    void aKeyDueMidCopyIsBuiltThenTheWaitingChangesAppliedBeforeTheNextChunk() throws Exception {
        dueAt = 4;
        CopyLoop loop = loop(Throttler.none(clock));

        loop.copyAll(applier);

        assertThat(events).containsExactly("copy 1", "copy 2", "build key (4 wait)", "apply 1a", "apply 1b", "apply 2a", "apply 2b",
                "copy 3");
    }

    @Test
    void aThrottledCopyWithChangesWaitingBuildsTheKeyAndAppliesThemWhileItWaits() throws Exception {
        ThrottleSignal flag = new ThrottleSignal() {
            @Override
            public String name() {
                return "flag";
            }

            @Override
            public Optional<String> sample() {
                return throttled ? Optional.of("flag: set") : Optional.empty();
            }
        };
        Sleeper releasing = d -> {
            clock.now = clock.now.plus(d);
            throttled = false;
        };
        CopyLoop loop = new CopyLoop(threeChunks(), dirty, new CopyWatermark(), new ChunkSizer(settings, live),
                new RowRateLimiter(clock, releasing, live), Throttler.using(clock).throttleOn(flag, Duration.ZERO).build(),
                progress, clock, releasing, () -> { }, 100);
        loop.keyedBy(key);

        loop.copyAll(applier);

        assertThat(events).containsExactly("copy 1", "build key (the copy is throttled (flag: set) with 2 changes waiting for it)",
                "apply 1a", "apply 1b", "copy 2", "apply 2a", "apply 2b", "copy 3");
    }

    private CopyLoop loop(Throttler throttler) {
        CopyLoop loop = new CopyLoop(threeChunks(), dirty, new CopyWatermark(), new ChunkSizer(settings, live),
                new RowRateLimiter(clock, sleeper, live), throttler, progress, clock, sleeper, () -> { }, 100);
        loop.keyedBy(key);
        return loop;
    }

    /** Three chunks; each one's copy sees two changes arrive through the stream. */
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
                for (String k : List.of(copied + "a", copied + "b")) {
                    dirty.mark(List.of(k), 0, ++sequence);
                    dirty.delivered(sequence);
                }
                throttled = copied == 1;
                return new CopyOutcome(10, List.of());
            }

            @Override
            public CopyOutcome recopy(Bound lower, Bound upper) {
                throw new AssertionError("no recopy here");
            }
        };
    }
}
