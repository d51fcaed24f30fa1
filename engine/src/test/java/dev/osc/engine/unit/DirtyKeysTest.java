package dev.osc.engine.unit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.osc.engine.copy.DirtyKeys;
import dev.osc.engine.copy.KeyBatch;
import java.util.List;
import org.junit.jupiter.api.Test;

class DirtyKeysTest {
    static final List<String> A = List.of("a");
    static final List<String> B = List.of("b");
    static final List<String> C = List.of("c");

    @Test
    void hotKeyIsKeptOnceWithTheMaxTxId() {
        DirtyKeys d = new DirtyKeys();
        d.mark(A, 5);
        d.mark(List.of("a"), 9);   // an equal list is the same key
        d.mark(A, 3);              // an older tx id does not lower it
        assertThat(d.size()).isEqualTo(1);
        assertThat(d.marked()).isEqualTo(3);
        KeyBatch batch = d.drain(10);
        assertThat(batch.keys()).containsExactly(A);
        assertThat(batch.txIds()).containsExactly(9L);
        assertThat(d.size()).isZero();
    }

    @Test
    void drainsOldestFirstAndRespectsTheLimit() {
        DirtyKeys d = new DirtyKeys();
        d.mark(B, 1);
        d.mark(A, 2);
        d.mark(C, 3);
        d.mark(B, 4); // re-marking keeps B's place in line
        KeyBatch first = d.drain(2);
        assertThat(first.keys()).containsExactly(B, A);
        assertThat(first.txIds()).containsExactly(4L, 2L);
        assertThat(d.size()).isEqualTo(1);
        KeyBatch second = d.drain(2);
        assertThat(second.keys()).containsExactly(C);
        assertThat(second.txIds()).containsExactly(3L);
        assertThat(d.drain(5).isEmpty()).isTrue();
        assertThat(d.drain(0).isEmpty()).isTrue();
    }

    @Test
    void drainZeroTakesNothing() {
        DirtyKeys d = new DirtyKeys();
        d.mark(A, 1);
        assertThat(d.drain(0).size()).isZero();
        assertThat(d.size()).isEqualTo(1);
    }

    @Test
    void restoreMergesWithMarksMadeMeanwhile() {
        DirtyKeys d = new DirtyKeys();
        d.mark(A, 5);
        d.mark(B, 6);
        KeyBatch batch = d.drain(10);
        d.mark(A, 7);  // newer than the batch's
        d.mark(C, 8);
        d.restore(batch);
        assertThat(d.size()).isEqualTo(3);
        KeyBatch all = d.drain(10);
        assertThat(all.keys()).containsExactlyInAnyOrder(A, B, C);
        assertThat(all.txIds().get(all.keys().indexOf(A))).isEqualTo(7L);
        assertThat(all.txIds().get(all.keys().indexOf(B))).isEqualTo(6L);
        assertThat(all.txIds().get(all.keys().indexOf(C))).isEqualTo(8L);
        // restore puts keys back but is not a new mark
        assertThat(d.marked()).isEqualTo(4);
    }

    @Test
    void restoreKeepsTheBatchTxIdWhenItIsNewer() {
        DirtyKeys d = new DirtyKeys();
        d.mark(A, 10);
        KeyBatch batch = d.drain(1);
        d.mark(A, 2);
        d.restore(batch);
        assertThat(d.drain(1).txIds()).containsExactly(10L);
    }

    @Test
    void markedCountsEveryMark() {
        DirtyKeys d = new DirtyKeys();
        for (int i = 0; i < 100; i++) {
            d.mark(List.of("k" + (i % 7)), i);
        }
        assertThat(d.marked()).isEqualTo(100);
        assertThat(d.size()).isEqualTo(7);
        d.drain(3);
        assertThat(d.marked()).isEqualTo(100);
        assertThat(d.size()).isEqualTo(4);
    }

    @Test
    void batchNeedsOneTxIdPerKey() {
        assertThatThrownBy(() -> new KeyBatch(List.of(A, B), List.of(1L))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void batchNeedsOneSequencePerKey() {
        assertThatThrownBy(() -> new KeyBatch(List.of(A, B), List.of(1L, 2L), List.of(1L)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void acknowledgementWaitsForTheCommitOfTheApplyNotForTheDrain() {
        DirtyKeys d = new DirtyKeys();
        assertThat(d.acknowledgeable()).isZero();
        d.mark(A, 1, 1);
        d.delivered(1);
        d.mark(B, 2, 2);
        d.delivered(2);
        assertThat(d.acknowledgeable()).isZero();
        KeyBatch first = d.drain(1);
        assertThat(first.sequences()).containsExactly(1L);
        assertThat(d.acknowledgeable()).as("drained is not applied").isZero();
        d.applied(first);
        assertThat(d.acknowledgeable()).isEqualTo(1);
        KeyBatch second = d.drain(1);
        d.restore(second);
        assertThat(d.acknowledgeable()).as("put back, still pending").isEqualTo(1);
        d.applied(d.drain(1));
        assertThat(d.acknowledgeable()).isEqualTo(2);
    }

    @Test
    void aBatchIsNotAcknowledgeableBeforeItIsDeliveredWhole() {
        DirtyKeys d = new DirtyKeys();
        d.delivered(1);              // fence keys only: nothing to apply
        assertThat(d.acknowledgeable()).isEqualTo(1);
        d.mark(A, 1, 2);             // batch 2 is being marked
        d.applied(d.drain(10));      // and its first key applied at once
        assertThat(d.acknowledgeable()).as("batch 2 may have more keys").isEqualTo(1);
        d.delivered(2);
        assertThat(d.acknowledgeable()).isEqualTo(2);
    }

    @Test
    void aKeyMarkedAgainWhileInFlightHoldsItsNewBatch() {
        DirtyKeys d = new DirtyKeys();
        d.mark(A, 1, 1);
        d.delivered(1);
        KeyBatch inFlight = d.drain(10);
        d.mark(A, 2, 3);
        d.delivered(3);
        assertThat(d.acknowledgeable()).isZero();
        d.applied(inFlight);
        assertThat(d.acknowledgeable()).as("the apply may have read A before batch 3").isEqualTo(2);
        d.applied(d.drain(10));
        assertThat(d.acknowledgeable()).isEqualTo(3);
    }

    @Test
    void staleKeysHoldTheAcknowledgementUntilReRead() {
        DirtyKeys d = new DirtyKeys();
        d.mark(A, 1, 4);
        d.mark(B, 1, 5);
        d.delivered(5);
        KeyBatch batch = d.drain(10);
        d.applied(batch, List.of(C));
        assertThat(d.acknowledgeable()).isEqualTo(3);
        KeyBatch reRead = d.drain(10);
        assertThat(reRead.keys()).containsExactly(C);
        assertThat(reRead.sequences()).containsExactly(4L);
        d.applied(reRead);
        assertThat(d.acknowledgeable()).isEqualTo(5);
    }

    @Test
    void keysOfNoBatchNeitherHoldNorAdvance() {
        DirtyKeys d = new DirtyKeys();
        d.mark(A, 7);
        assertThat(d.acknowledgeable()).isZero();
        d.delivered(2);
        assertThat(d.acknowledgeable()).isEqualTo(2);
        d.mark(A, 8, 3);             // a stream batch marks the same key: now it holds
        d.delivered(3);
        assertThat(d.acknowledgeable()).isEqualTo(2);
        d.mark(A, 9);                // a later mark of no batch keeps the batch's sequence
        KeyBatch batch = d.drain(10);
        assertThat(batch.sequences()).containsExactly(3L);
        assertThat(batch.txIds()).containsExactly(9L);
        d.applied(batch);
        assertThat(d.acknowledgeable()).isEqualTo(3);
    }

    @Test
    void aBatchSettlesOnce() {
        DirtyKeys d = new DirtyKeys();
        d.mark(A, 1, 1);
        KeyBatch batch = d.drain(10);
        d.applied(batch);
        assertThatThrownBy(() -> d.applied(batch)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> d.restore(batch)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> d.applied(new KeyBatch(List.of(A), List.of(1L), List.of(1L))))
                .as("a batch not drained here").isInstanceOf(IllegalStateException.class);
    }
}
