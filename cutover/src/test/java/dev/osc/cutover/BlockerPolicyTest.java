package dev.osc.cutover;

import static dev.osc.cutover.BlockerPolicy.Action.GIVE_UP;
import static dev.osc.cutover.BlockerPolicy.Action.RETRY;
import static dev.osc.cutover.BlockerPolicy.Action.TERMINATE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class BlockerPolicyTest {
    private static final Duration S1 = Duration.ofSeconds(1);
    private static final Duration S5 = Duration.ofSeconds(5);

    @Test
    void retriesUntilTheTimeoutThenGivesUp() {
        BlockerPolicy policy = new BlockerPolicy(S5, null);

        assertThat(policy.decide(Duration.ZERO, true)).isEqualTo(RETRY);
        assertThat(policy.decide(S5.minusMillis(1), true)).isEqualTo(RETRY);
        assertThat(policy.decide(S5, true)).isEqualTo(GIVE_UP);
        assertThat(policy.decide(S5, false)).isEqualTo(GIVE_UP);
    }

    @Test
    void terminatesOnlyFromItsPointOnAndOnlyWhenSomebodyMayBeEnded() {
        BlockerPolicy policy = new BlockerPolicy(S5, S1);

        assertThat(policy.decide(S1.minusMillis(1), true)).isEqualTo(RETRY);
        assertThat(policy.decide(S1, true)).isEqualTo(TERMINATE);
        assertThat(policy.decide(S1, false)).as("nobody that may be ended").isEqualTo(RETRY);
        assertThat(policy.decide(S5, true)).as("the timeout still wins").isEqualTo(GIVE_UP);
    }

    @Test
    void patientNeverGivesUpNorTerminates() {
        assertThat(BlockerPolicy.PATIENT.decide(Duration.ofDays(3), true)).isEqualTo(RETRY);
    }

    @Test
    void pauseEndsAtTheNextDecisionPoint() {
        BlockerPolicy policy = new BlockerPolicy(S5, S1);

        assertThat(policy.pause(Duration.ofMillis(200), Duration.ZERO)).isEqualTo(Duration.ofMillis(200));
        assertThat(policy.pause(Duration.ofMillis(2000), Duration.ofMillis(900))).isEqualTo(Duration.ofMillis(100));
        assertThat(policy.pause(Duration.ofMillis(2000), Duration.ofMillis(4500))).isEqualTo(Duration.ofMillis(500));
        assertThat(BlockerPolicy.PATIENT.pause(Duration.ofMillis(2000), Duration.ofDays(1))).isEqualTo(Duration.ofMillis(2000));
    }

    @Test
    void terminatingAfterTheTimeoutIsRefused() {
        assertThatThrownBy(() -> new BlockerPolicy(S1, S1)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("shorter");
        assertThatThrownBy(() -> new BlockerPolicy(Duration.ZERO, null)).isInstanceOf(IllegalArgumentException.class);
    }
}
