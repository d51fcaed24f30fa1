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
import dev.osc.throttling.RowRateLimiter;
import dev.osc.throttling.Sleeper;
import dev.osc.throttling.ThrottleSettings;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The stale keys a chunk's unique-conflict repair returns come back as dirty keys (invariant 8). */
class CopyLoopStaleKeysTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2024-01-01T00:00:00Z"), ZoneOffset.UTC);
    private static final Sleeper NO_SLEEP = d -> { };

    @Test
    void staleKeysFromAChunkAreMarkedAgainAndApplied() throws Exception {
        DirtyKeys dirty = new DirtyKeys();
        ThrottleSettings settings = new ThrottleSettings(0, Duration.ofMillis(500), 1, 10, 3);
        LiveThrottle throttle = new LiveThrottle(settings);
        RunProgress progress = new RunProgress();
        ChunkCopier copier = new ChunkCopier() {
            @Override
            public Optional<List<String>> upperBound(Bound lower, int rows) {
                return lower.isNone() ? Optional.of(List.of("10")) : Optional.empty();
            }

            @Override
            public CopyOutcome copy(Bound lower, Bound upper) {
                return lower.isNone() ? new CopyOutcome(10, List.of(List.of("3"))) : new CopyOutcome(5, List.of());
            }

            @Override
            public CopyOutcome recopy(Bound lower, Bound upper) {
                throw new AssertionError("no recopy here");
            }
        };
        CopyLoop loop = new CopyLoop(copier, dirty, new CopyWatermark(), new ChunkSizer(settings, throttle),
                new RowRateLimiter(CLOCK, NO_SLEEP, throttle), progress, CLOCK, NO_SLEEP, () -> { }, 10);
        List<List<String>> applied = new ArrayList<>();
        loop.copyAll((batch, upTo) -> {
            applied.addAll(batch.keys());
            return new ApplyOutcome(true, batch.size(), List.of());
        });
        assertThat(applied).containsExactly(List.of("3"));
        assertThat(progress.rowsCopied.get()).isEqualTo(15);
        assertThat(dirty.size()).isZero();
    }
}
