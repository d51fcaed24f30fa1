package dev.osc.engine.shadow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.osc.cutover.RetriableCutoverException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Each fence wait holds writers for its whole timeout: a stream that lags that much is not waited for again and again. */
class LockedWindowFenceTest {
    private final List<String> retries = new ArrayList<>();

    private LockedWindow window(FenceWriter fence) {
        return new LockedWindow(null, null, null, null, fence, Duration.ofSeconds(2), retries::add, null);
    }

    @Test
    void threeFenceTimeoutsInARowEndTheRetries() {
        LockedWindow window = window(timeout -> false);
        assertThatThrownBy(window::fence).isInstanceOf(RetriableCutoverException.class);
        assertThatThrownBy(window::fence).isInstanceOf(RetriableCutoverException.class);
        assertThatThrownBy(window::fence).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("3 times in a row").hasMessageContaining("too far behind");
        assertThat(retries).hasSize(2);
    }

    @Test
    void aSentinelThatComesBackStartsTheCountAgain() throws Exception {
        boolean[] back = {false, false, true, false, false};
        int[] call = {0};
        LockedWindow window = window(timeout -> back[call[0]++]);
        assertThatThrownBy(window::fence).isInstanceOf(RetriableCutoverException.class);
        assertThatThrownBy(window::fence).isInstanceOf(RetriableCutoverException.class);
        window.fence();
        assertThatThrownBy(window::fence).isInstanceOf(RetriableCutoverException.class);
        assertThatThrownBy(window::fence).isInstanceOf(RetriableCutoverException.class);
    }
}
