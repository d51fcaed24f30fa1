package dev.osc.cutover;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** A fake {@link CutoverSteps} that records each call and can fail or advance a clock per step. */
final class RecordingSteps implements CutoverSteps {

    /** What a step does when called. */
    @FunctionalInterface
    interface Behaviour {
        void run(int call) throws Exception;
    }

    final List<String> calls = new ArrayList<>();
    BlockingSessions blockers = BlockingSessions.NONE;
    private final Map<String, Behaviour> behaviours = new HashMap<>();
    private final Map<String, Integer> counts = new HashMap<>();

    RecordingSteps on(String step, Behaviour behaviour) {
        behaviours.put(step, behaviour);
        return this;
    }

    RecordingSteps advancing(String step, FakeClock clock, Duration d) {
        return on(step, call -> clock.advance(d));
    }

    long count(String step) {
        return calls.stream().filter(step::equals).count();
    }

    private void step(String name) throws Exception {
        calls.add(name);
        int call = counts.merge(name, 1, Integer::sum);
        Behaviour b = behaviours.get(name);
        if (b != null) {
            b.run(call);
        }
    }

    @Override public void lock() throws Exception { step("lock"); }
    @Override public void fence() throws Exception { step("fence"); }
    @Override public void flush() throws Exception { step("flush"); }
    @Override public void assertCaughtUp() throws Exception { step("assertCaughtUp"); }
    @Override public void swap() throws Exception { step("swap"); }
    @Override public void commit() throws Exception { step("commit"); }
    @Override public void rollback() throws Exception { step("rollback"); }
    @Override public BlockingSessions blockers() { return blockers; }
}
