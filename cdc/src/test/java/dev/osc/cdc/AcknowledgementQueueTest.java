package dev.osc.cdc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class AcknowledgementQueueTest {
    static final StreamPosition P1 = new StreamPosition.Lsn(100, 0, 0);
    static final StreamPosition P2 = new StreamPosition.Lsn(200, 0, 0);
    static final StreamPosition HEARTBEAT = new StreamPosition.Lsn(250, 0, 0);
    static final StreamPosition P3 = new StreamPosition.Lsn(300, 0, 0);

    final AcknowledgementQueue<String> queue = new AcknowledgementQueue<>();
    final List<String> processed = new ArrayList<>();

    @Test
    void nothingIsReleasedBeforeItsBatchIsAcknowledged() throws Exception {
        assertThat(queue.deliver(List.of("a1", "a2"), P1)).isEqualTo(1);
        assertThat(queue.deliver(List.of("b1"), P2)).isEqualTo(2);
        assertThat(queue.release(processed::add)).isZero();
        assertThat(processed).isEmpty();
        assertThat(queue.releasedPosition()).isNull();

        queue.acknowledge(1);
        assertThat(queue.release(processed::add)).isEqualTo(2);
        assertThat(processed).containsExactly("a1", "a2");
        assertThat(queue.releasedPosition()).isEqualTo(P1);
        assertThat(queue.waiting()).isEqualTo(1);
    }

    @Test
    void recordsWithoutKeysFollowTheLastDeliveredBatch() throws Exception {
        queue.follow(List.of("before anything"), null);
        queue.release(processed::add);
        assertThat(processed).as("nothing before it is pending").containsExactly("before anything");

        queue.deliver(List.of("a"), P1);
        queue.follow(List.of("heartbeat"), HEARTBEAT);
        queue.deliver(List.of("c"), P3);
        queue.release(processed::add);
        assertThat(processed).containsExactly("before anything");

        queue.acknowledge(1);
        queue.release(processed::add);
        assertThat(processed).containsExactly("before anything", "a", "heartbeat");
        assertThat(queue.releasedPosition()).isEqualTo(HEARTBEAT);
    }

    @Test
    void acknowledgementsOnlyMoveForwardAndNeverPastDelivery() throws Exception {
        queue.deliver(List.of("a"), P1);
        queue.deliver(List.of("b"), P2);
        queue.acknowledge(2);
        queue.acknowledge(1);
        assertThat(queue.acknowledged()).isEqualTo(2);
        queue.release(processed::add);
        assertThat(processed).containsExactly("a", "b");
        assertThatThrownBy(() -> queue.acknowledge(3)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("only 2 delivered");
    }
}
