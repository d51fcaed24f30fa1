package dev.osc.cdc;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class FenceTest {
    private final Fence fence = new Fence("s", "f", Clock.fixed(Instant.EPOCH, ZoneOffset.UTC));

    private static ChangedKey marker(String token) {
        return new ChangedKey("s", "f", List.of(token), 0, 0);
    }

    @Test
    void aMarkerThatCameBackIsSeenOnce() throws Exception {
        assertThat(fence.observe(marker("a"))).isTrue();
        assertThat(fence.await("a", Duration.ofMillis(1))).isTrue();
        assertThat(fence.await("a", Duration.ZERO)).as("taken by the first wait").isFalse();
        assertThat(fence.observe(new ChangedKey("s", "t", List.of("a"), 0, 0))).as("another table's change").isFalse();
    }

    @Test
    void aMarkerArrivingAfterItsWaitGaveUpIsNotKept() throws Exception {
        assertThat(fence.await("late", Duration.ZERO)).isFalse();
        fence.observe(marker("late"));
        // had it been kept, a wait for the same token would see it: the stream lagged, and nothing is left behind
        assertThat(fence.await("late", Duration.ZERO)).isFalse();
    }
}
