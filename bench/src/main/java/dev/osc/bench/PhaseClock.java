package dev.osc.bench;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.LongSupplier;

/**
 * The phases of a benchmark run on one timeline: each phase has a number in the order it began,
 * so a transaction can be counted in every phase it overlapped.
 */
final class PhaseClock {
    /** The workload alone, before the tool starts. */
    static final String BASELINE = "baseline";
    /** The workload alone, after the tool finished. */
    static final String AFTER = "after";

    private final LongSupplier nanoTime;
    private final long startNanos;
    private final List<PhaseMark> marks = new CopyOnWriteArrayList<>();
    private final List<Long> phaseStarts = new CopyOnWriteArrayList<>();
    private volatile int current = -1;

    PhaseClock(LongSupplier nanoTime) {
        this.nanoTime = nanoTime;
        this.startNanos = nanoTime.getAsLong();
    }

    static PhaseClock system() {
        return new PhaseClock(System::nanoTime);
    }

    /** Begins phase {@code name} now (a phase may begin more than once; each time is its own number). */
    synchronized int enter(String name) {
        long now = nanoTime.getAsLong();
        phaseStarts.add(now);
        marks.add(new PhaseMark(secondsAt(now), name));
        current = marks.size() - 1;
        return current;
    }

    /** The number of the phase running now, -1 before the first. */
    int current() {
        return current;
    }

    /**
     * The number of the phase running at {@code nanos} (a transaction's due time: one held back by a
     * stall belongs to the phase it was due in, not to the one it finally ran in), -1 before the first.
     */
    int phaseAt(long nanos) {
        int found = -1;
        for (int i = 0; i < phaseStarts.size(); i++) {
            if (phaseStarts.get(i) - nanos > 0) {
                break;
            }
            found = i;
        }
        return Math.min(found, current);
    }

    /** True for the phases of the tool's run itself: every phase but {@link #BASELINE} and {@link #AFTER}. */
    static boolean inRun(String phase) {
        return !phase.equals(BASELINE) && !phase.equals(AFTER);
    }

    long nanoTime() {
        return nanoTime.getAsLong();
    }

    double secondsAt(long nanos) {
        return (nanos - startNanos) / 1e9;
    }

    double secondsNow() {
        return secondsAt(nanoTime.getAsLong());
    }

    List<PhaseMark> marks() {
        return List.copyOf(marks);
    }

    /** The name of phase number {@code index}. */
    String name(int index) {
        return marks.get(index).name();
    }
}
