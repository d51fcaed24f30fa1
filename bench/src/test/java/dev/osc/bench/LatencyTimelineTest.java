package dev.osc.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** A transaction counts in every phase it overlapped; ticks hand out what finished since the last one. */
class LatencyTimelineTest {
    private final AtomicLong now = new AtomicLong(1_000_000_000L);
    private final PhaseClock phases = new PhaseClock(now::get);
    private final LatencyTimeline timeline = new LatencyTimeline(phases);

    @Test
    void aTransactionHeldUpBySwapCountsAtTheSwapAndWhereItBegan() {
        int copy = phases.enter("copy");
        timeline.record(copy, 2_000);
        int started = phases.current();
        phases.enter("cutover");
        phases.enter("cleanup");
        timeline.record(started, 300_000); // began in copy, finished after the swap
        phases.enter("after");
        timeline.record(phases.current(), 1_000);

        assertThat(timeline.phase("copy").count()).isEqualTo(2);
        assertThat(timeline.phase("cutover").count()).isEqualTo(1);
        assertThat(timeline.phase("cutover").maxMs()).isBetween(299.0, 301.0);
        assertThat(timeline.phase("after").count()).isEqualTo(1);
        assertThat(timeline.phase("after").maxMs()).isEqualTo(1.0);
        assertThat(timeline.phase("baseline").count()).isZero();
        assertThat(timeline.total().count()).isEqualTo(3);
    }

    @Test
    void duringRunCountsEachTransactionThatOverlappedTheToolsPhasesOnce() {
        int baseline = phases.enter(PhaseClock.BASELINE);
        timeline.record(baseline, 1_000); // before the tool: not in the run
        int started = phases.current();
        phases.enter("copy");
        phases.enter("cutover");
        timeline.record(started, 90_000); // began in the baseline, held up through copy and swap: once
        timeline.record(phases.current(), 2_000);
        int after = phases.enter(PhaseClock.AFTER);
        timeline.record(after, 500_000); // after the tool: not in the run

        assertThat(timeline.duringRun().count()).isEqualTo(2);
        assertThat(timeline.duringRun().maxMs()).isBetween(89.0, 91.0);
        assertThat(timeline.total().count()).isEqualTo(4);
    }

    @Test
    void eachTickCoversOnlyWhatFinishedSinceThePreviousOne() {
        phases.enter("run");
        timeline.record(0, 5_000);
        timeline.record(0, 7_000);
        now.addAndGet(1_000_000_000L);
        SecondSample first = timeline.tick(() -> 0.25);
        timeline.record(0, 40_000);
        now.addAndGet(1_000_000_000L);
        SecondSample second = timeline.tick(() -> Double.NaN);

        assertThat(first.transactions()).isEqualTo(2);
        assertThat(first.maxMs()).isEqualTo(7.0);
        assertThat(first.atSeconds()).isEqualTo(1.0);
        assertThat(first.copiedFraction()).isEqualTo(0.25);
        assertThat(second.transactions()).isEqualTo(1);
        assertThat(second.p50Ms()).isBetween(39.9, 40.1);
        assertThat(second.atSeconds()).isEqualTo(2.0);
        assertThat(second.copiedFraction()).isNaN();
    }

    @Test
    void aTransactionDueDuringTheSwapBelongsToItEvenIfItRanAfter() {
        phases.enter("copy");
        now.addAndGet(1_000_000L);
        phases.enter("cutover");
        long due = now.addAndGet(1_000_000L);
        now.addAndGet(500_000_000L); // writers held: the transaction only starts once the swap is over
        phases.enter("cleanup");
        now.addAndGet(1_000_000L);
        phases.enter("after");

        assertThat(phases.phaseAt(due)).isEqualTo(1);
        timeline.record(phases.phaseAt(due), (now.get() - due) / 1000);
        assertThat(timeline.phase("cutover").count()).isEqualTo(1);
        assertThat(timeline.phase("copy").count()).isZero();
        assertThat(phases.phaseAt(0)).isEqualTo(-1);
        assertThat(phases.phaseAt(now.get())).isEqualTo(3);
    }
}
