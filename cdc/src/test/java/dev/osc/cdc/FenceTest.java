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

    @Test
    void anyOfSeveralMarkersCountsAndTheRestAreDroppedOnceAbandoned() throws Exception {
        assertThat(fence.awaitAny(List.of("first"), Duration.ZERO)).as("nothing back yet").isFalse();
        fence.observe(marker("first"));
        // the first marker arrives while the caller waits for the first and a second one: it still counts
        assertThat(fence.awaitAny(List.of("first", "second"), Duration.ZERO)).isTrue();
        assertThat(fence.awaitAny(List.of("first", "second"), Duration.ZERO)).as("left in place until abandoned").isTrue();
        fence.abandon(List.of("first", "second"));
        fence.observe(marker("second"));
        assertThat(fence.await("first", Duration.ZERO)).as("forgotten").isFalse();
        assertThat(fence.await("second", Duration.ZERO)).as("dropped on arrival").isFalse();
    }
}
