package dev.osc.engine.unit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.osc.engine.copy.ApplyOutcome;
import dev.osc.engine.copy.Bound;
import dev.osc.engine.copy.ChunkCopier;
import dev.osc.engine.copy.CopyLoop;
import dev.osc.engine.copy.CopyOutcome;
import dev.osc.engine.copy.CopyWatermark;
import dev.osc.engine.copy.CopyWorkers;
import dev.osc.engine.copy.DirtyKeys;
import dev.osc.engine.copy.KeyApplier;
import dev.osc.engine.copy.KeyBatch;
import dev.osc.engine.run.RunProgress;
import dev.osc.throttling.ChunkSizer;
import dev.osc.throttling.LiveThrottle;
import dev.osc.throttling.RowRateLimiter;
import dev.osc.throttling.Sleeper;
import dev.osc.throttling.ThrottleSettings;
import dev.osc.engine.testkit.MovingClock;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * A deterministic model of the copy: a TreeMap "source" that random writers change, a TreeMap
 * "shadow", the real {@link CopyLoop}, {@link CopyWatermark} and {@link DirtyKeys}, and an in-test
 * copier and applier that follow the documented rules. Writes land between chunks and while a
 * chunk is in flight (after its bound was published, both before and after the chunk reads);
 * every written key is marked dirty at once. Invariants 2 and 3 promise the shadow then ends up
 * equal to the source.
 */
class CopyLoopModelTest {
    static final int SEEDS = 200;
    static final int KEY_SPACE = 600;
    static final int INITIAL_ROWS = 120;
    static final Clock CLOCK = Clock.fixed(Instant.parse("2024-01-01T00:00:00Z"), ZoneOffset.UTC);
    static final Sleeper NO_SLEEP = d -> { };

    /** How the applier treats the committed bound it is given. */
    enum ApplyRule {
        /** The documented rule: re-read keys at or below the bound; ALL means every key, NONE none. */
        AT_OR_BELOW,
        /** Ignores the bound: re-reads every key, inserting rows above it early (the copier skips them later). */
        IGNORE_BOUND,
        /** Off by one at the bound: a key equal to the committed bound is dropped as if the copy had not reached it. */
        STRICTLY_BELOW,
        /** Treats the bound as one chunk older than it is: drops keys of the chunk that just committed. */
        PREVIOUS_BOUND
    }

    /** One simulated run. */
    static final class Sim {
        final Random rnd;
        final ApplyRule rule;
        final TreeMap<Long, String> source = new TreeMap<>();
        final TreeMap<Long, String> shadow = new TreeMap<>();
        final DirtyKeys dirty = new DirtyKeys();
        final CopyWatermark watermark = new CopyWatermark();
        final RunProgress progress = new RunProgress();
        long txId = 1;
        long valueSeq;
        Bound previousCommitted = Bound.none();
        Bound lastSeenCommitted = Bound.none();
        // what the run exercised
        int chunks;
        int inFlightWritesBeforeRead;
        int inFlightWritesAfterRead;
        int droppedAboveBound;
        int appliedAtBound;
        int notVisible;

        /** Copy workers: each step copies up to this many chunks at once. */
        int workers = 1;
        CopyWorkers pool;

        Sim(long seed, ApplyRule rule) {
            this.rnd = new Random(seed);
            this.rule = rule;
            while (source.size() < INITIAL_ROWS) {
                source.put(1L + rnd.nextInt(KEY_SPACE), "v" + valueSeq++);
            }
        }

        static long key(List<String> k) {
            return Long.parseLong(k.get(0));
        }

        /** True when bound {@code a} lies above bound {@code b} in key order. */
        static boolean above(Bound a, Bound b) {
            if (a.kind() == b.kind()) {
                return a.kind() == Bound.Kind.KEY && key(a.key()) > key(b.key());
            }
            return a.kind().ordinal() > b.kind().ordinal();
        }

        static boolean atOrBelow(long k, Bound b) {
            return switch (b.kind()) {
                case NONE -> false;
                case ALL -> true;
                case KEY -> k <= key(b.key());
            };
        }

        void mark(long k) {
            dirty.mark(List.of(Long.toString(k)), txId++);
        }

        long someExistingKey() {
            Long k = source.ceilingKey(1L + rnd.nextInt(KEY_SPACE));
            return k != null ? k : source.firstKey();
        }

        /** Up to {@code max} random writes; each committed to the source and its keys marked dirty. */
        int writes(int max) {
            int n = rnd.nextInt(max + 1);
            for (int i = 0; i < n; i++) {
                int op = rnd.nextInt(10);
                if (source.isEmpty() || op < 3) {            // insert
                    long k = 1L + rnd.nextInt(KEY_SPACE);
                    if (source.putIfAbsent(k, "v" + valueSeq) == null) {
                        valueSeq++;
                        mark(k);
                    }
                } else if (op < 7) {                         // update
                    long k = someExistingKey();
                    source.put(k, "v" + valueSeq++);
                    mark(k);
                } else if (op < 9) {                         // delete
                    long k = someExistingKey();
                    source.remove(k);
                    mark(k);
                } else {                                     // key change: UPDATE ... SET key = new
                    long from = someExistingKey();
                    long to = 1L + rnd.nextInt(KEY_SPACE);
                    if (!source.containsKey(to)) {
                        String v = source.remove(from);
                        source.put(to, v + "'");
                        mark(from);
                        mark(to);
                    }
                }
            }
            return n;
        }

        final ChunkCopier copier = new ChunkCopier() {
            @Override
            public CopyOutcome recopy(Bound lower, Bound upper) {
                throw new AssertionError("the model never recopies");
            }

            @Override
            public Optional<List<String>> upperBound(Bound lower, int rows) {
                if (watermark.chunkInFlight()) {
                    throw new AssertionError("upperBound while a chunk is in flight");
                }
                writes(3); // between chunks
                NavigableMap<Long, String> above = lower.isNone() ? source : source.tailMap(key(lower.key()), false);
                int i = 0;
                for (Long k : above.keySet()) {
                    if (++i == rows) {
                        return Optional.of(List.of(Long.toString(k)));
                    }
                }
                return Optional.empty();
            }

            @Override
            public CopyOutcome copy(Bound lower, Bound upper) {
                // invariant 2: the bound is published before the chunk's statement starts
                boolean published = workers == 1 ? watermark.published().equals(upper) && watermark.committed().equals(lower)
                        : !above(upper, watermark.published()) && !above(watermark.committed(), lower);
                if (!published || !watermark.chunkInFlight()) {
                    throw new AssertionError("copy without its bound published: " + upper + " / " + watermark.published());
                }
                chunks++;
                inFlightWritesBeforeRead += writes(2);
                NavigableMap<Long, String> range = lower.isNone() ? source : source.tailMap(key(lower.key()), false);
                if (upper.kind() == Bound.Kind.KEY) {
                    range = range.headMap(key(upper.key()), true);
                }
                long copied = 0;
                for (Map.Entry<Long, String> e : range.entrySet()) {
                    if (shadow.putIfAbsent(e.getKey(), e.getValue()) == null) { // ON CONFLICT DO NOTHING
                        copied++;
                    }
                }
                // writes that commit after the chunk's snapshot, before the chunk commits
                inFlightWritesAfterRead += writes(2);
                return new CopyOutcome(copied, List.of());
            }
        };

        final KeyApplier applier = new KeyApplier() {
            @Override
            public ApplyOutcome apply(KeyBatch batch, Bound upTo) {
                if (watermark.chunkInFlight()) {
                    throw new AssertionError("apply while a chunk is in flight");
                }
                if (!upTo.equals(watermark.committed())) {
                    throw new AssertionError("apply not given the committed bound");
                }
                if (rnd.nextInt(8) == 0) {
                    notVisible++;
                    return ApplyOutcome.notVisibleYet(); // invariant 7: the loop must retry the batch
                }
                if (!upTo.equals(lastSeenCommitted)) {
                    previousCommitted = lastSeenCommitted;
                    lastSeenCommitted = upTo;
                }
                if (upTo.isNone() && rule != ApplyRule.IGNORE_BOUND) {
                    droppedAboveBound += batch.size();
                    return new ApplyOutcome(true, 0, List.of());
                }
                long written = 0;
                for (List<String> k : batch.keys()) {
                    long key = key(k);
                    shadow.remove(key);
                    boolean apply = switch (rule) {
                        case AT_OR_BELOW -> atOrBelow(key, upTo);
                        case IGNORE_BOUND -> true;
                        case STRICTLY_BELOW -> upTo.isAll() || (upTo.kind() == Bound.Kind.KEY && key < key(upTo.key()));
                        case PREVIOUS_BOUND -> upTo.isAll() || atOrBelow(key, previousCommitted);
                    };
                    if (!apply) {
                        droppedAboveBound++;
                        continue;
                    }
                    if (upTo.kind() == Bound.Kind.KEY && key == key(upTo.key())) {
                        appliedAtBound++;
                    }
                    String row = source.get(key);
                    if (row != null) {
                        shadow.put(key, row);
                        written++;
                    }
                }
                return new ApplyOutcome(true, written, List.of());
            }
        };

        CopyLoop loop() {
            ThrottleSettings settings = new ThrottleSettings(0, Duration.ofMillis(500), 1, 10, 3);
            LiveThrottle throttle = new LiveThrottle(settings);
            CopyLoop loop = new CopyLoop(copier, dirty, watermark, new ChunkSizer(settings, throttle),
                    new RowRateLimiter(CLOCK, NO_SLEEP, throttle), progress, CLOCK, NO_SLEEP, () -> { }, 4);
            if (workers > 1) {
                // the model is single-threaded: the workers take turns, in whatever order the pool runs them
                ChunkCopier serialized = new ChunkCopier() {
                    @Override
                    public Optional<List<String>> upperBound(Bound lower, int rows) throws Exception {
                        synchronized (Sim.this) {
                            return copier.upperBound(lower, rows);
                        }
                    }

                    @Override
                    public CopyOutcome copy(Bound lower, Bound upper) throws Exception {
                        synchronized (Sim.this) {
                            return copier.copy(lower, upper);
                        }
                    }

                    @Override
                    public CopyOutcome recopy(Bound lower, Bound upper) throws Exception {
                        synchronized (Sim.this) {
                            return copier.recopy(lower, upper);
                        }
                    }
                };
                pool = new CopyWorkers(java.util.Collections.nCopies(workers, serialized));
                loop.copyWith(pool);
            }
            return loop;
        }

        /** Copy with interleaved writes, then a few more writes, catch up and apply everything. */
        Sim run() throws Exception {
            CopyLoop loop = loop();
            try {
                loop.copyAll(applier);
            } finally {
                if (pool != null) {
                    pool.close();
                }
            }
            assertThat(watermark.copyComplete()).isTrue();
            assertThat(watermark.chunkInFlight()).isFalse();
            writes(5);
            loop.catchUp(applier, 0, Duration.ofMinutes(1));
            writes(5);
            loop.applyAll(applier);
            assertThat(dirty.size()).isZero();
            return this;
        }

        boolean converged() {
            return shadow.equals(source);
        }
    }

    @Test
    void shadowEqualsSourceForEverySeed() throws Exception {
        int chunks = 0, before = 0, after = 0, dropped = 0, atBound = 0, invisible = 0;
        for (long seed = 1; seed <= SEEDS; seed++) {
            Sim sim = new Sim(seed, ApplyRule.AT_OR_BELOW).run();
            assertThat(sim.shadow).as("seed %d", seed).isEqualTo(sim.source);
            assertThat(sim.progress.changesApplied.get()).as("seed %d", seed).isGreaterThan(0);
            assertThat(sim.progress.rowsCopied.get()).isPositive();
            chunks += sim.chunks;
            before += sim.inFlightWritesBeforeRead;
            after += sim.inFlightWritesAfterRead;
            dropped += sim.droppedAboveBound;
            atBound += sim.appliedAtBound;
            invisible += sim.notVisible;
        }
        // the model really exercised what the invariants are about
        assertThat(chunks).isGreaterThan(SEEDS * 10);
        assertThat(before).isPositive();
        assertThat(after).isPositive();
        assertThat(dropped).as("keys above the committed bound were dropped").isPositive();
        assertThat(atBound).as("keys equal to the committed bound were applied").isPositive();
        assertThat(invisible).isPositive();
    }

    @Test
    void withCopyWorkersTheShadowStillEqualsTheSourceForEverySeed() throws Exception {
        int chunks = 0;
        for (long seed = 1; seed <= SEEDS; seed++) {
            Sim sim = new Sim(seed, ApplyRule.AT_OR_BELOW);
            sim.workers = 3;
            sim.run();
            assertThat(sim.shadow).as("seed %d", seed).isEqualTo(sim.source);
            chunks += sim.chunks;
        }
        assertThat(chunks).isGreaterThan(SEEDS * 10);
    }

    @Test
    void droppingTheKeyAtTheCommittedBoundLosesChanges() throws Exception {
        // "at or below" is load-bearing: a change that landed after the chunk's snapshot on its very last
        // key is only repaired because the apply includes the bound itself
        assertThat(mismatchingSeeds(ApplyRule.STRICTLY_BELOW)).isNotEmpty();
    }

    @Test
    void applyingWithAStaleCommittedBoundLosesChanges() throws Exception {
        // the committed bound must advance when the chunk commits (invariant 3); an applier that lags one chunk
        // behind drops changes the chunk's snapshot missed
        assertThat(mismatchingSeeds(ApplyRule.PREVIOUS_BOUND)).isNotEmpty();
    }

    @Test
    void ignoringTheBoundStillConvergesInThisSingleWriterModel() throws Exception {
        // Applying keys above the bound inserts rows early and the copier skips them; every later write to such a
        // key marks it dirty again and is re-read, so in this model (applies never overlap a chunk, each apply
        // reads the current source) the shadow still converges: dropping keys above the bound is what saves work,
        // it is not what makes the result correct. See the report.
        assertThat(mismatchingSeeds(ApplyRule.IGNORE_BOUND)).isEmpty();
    }

    private static List<Long> mismatchingSeeds(ApplyRule rule) throws Exception {
        List<Long> out = new ArrayList<>();
        for (long seed = 1; seed <= SEEDS; seed++) {
            if (!new Sim(seed, rule).run().converged()) {
                out.add(seed);
            }
        }
        return out;
    }

    // --- CopyWatermark on its own -------------------------------------------------------------

    @Test
    void watermarkPublishesBeforeItCommits() {
        CopyWatermark w = new CopyWatermark();
        assertThat(w.published().isNone()).isTrue();
        assertThat(w.committed().isNone()).isTrue();
        assertThat(w.chunkInFlight()).isFalse();
        assertThat(w.copyComplete()).isFalse();

        Bound b5 = Bound.upTo(List.of("5"));
        w.publish(b5);
        assertThat(w.published()).isEqualTo(b5);
        assertThat(w.committed().isNone()).isTrue();
        assertThat(w.chunkInFlight()).isTrue();

        w.commitPublished();
        assertThat(w.committed()).isEqualTo(b5);
        assertThat(w.chunkInFlight()).isFalse();

        w.publish(Bound.upTo(List.of("9")));
        assertThat(w.committed()).isEqualTo(b5);
        assertThat(w.chunkInFlight()).isTrue();
        w.commitPublished();

        w.publish(Bound.all());
        assertThat(w.copyComplete()).isFalse();
        assertThat(w.chunkInFlight()).isTrue();
        w.commitPublished();
        assertThat(w.copyComplete()).isTrue();
        assertThat(w.chunkInFlight()).isFalse();
    }

    @Test
    void watermarkRejectsPublishingNone() {
        CopyWatermark w = new CopyWatermark();
        assertThatThrownBy(() -> w.publish(Bound.none())).isInstanceOf(IllegalArgumentException.class);
        assertThat(w.chunkInFlight()).isFalse();
    }

    @Test
    void watermarkRejectsPublishingAfterAll() {
        CopyWatermark w = new CopyWatermark();
        w.publish(Bound.all());
        w.commitPublished();
        assertThatThrownBy(() -> w.publish(Bound.upTo(List.of("1")))).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> w.publish(Bound.all())).isInstanceOf(IllegalStateException.class);
        assertThat(w.committed().isAll()).isTrue();
        assertThat(w.chunkInFlight()).isFalse();
    }

    @Test
    void watermarkRestoreLeavesNothingInFlight() {
        CopyWatermark w = new CopyWatermark();
        w.publish(Bound.upTo(List.of("3")));
        w.restore(Bound.upTo(List.of("7")));
        assertThat(w.published()).isEqualTo(Bound.upTo(List.of("7")));
        assertThat(w.committed()).isEqualTo(Bound.upTo(List.of("7")));
        assertThat(w.chunkInFlight()).isFalse();
    }

    @Test
    void boundsCompareByValue() {
        assertThat(Bound.upTo(new ArrayList<>(List.of("a", "1")))).isEqualTo(Bound.upTo(List.of("a", "1")));
        assertThat(Bound.upTo(List.of("1"))).isNotEqualTo(Bound.all());
        assertThat(Bound.none().isNone()).isTrue();
        assertThat(Bound.all().isAll()).isTrue();
    }

    // --- CopyLoop's retry and give-up paths ------------------------------------------------------

    @Test
    void batchesThatStayInvisibleGiveUpAfterThePatience() {
        MovingClock clock = new MovingClock();
        DirtyKeys dirty = new DirtyKeys();
        dirty.mark(List.of("1"), 42);
        ThrottleSettings settings = new ThrottleSettings(0, Duration.ofMillis(500), 1, 10, 3);
        LiveThrottle throttle = new LiveThrottle(settings);
        List<Duration> slept = new ArrayList<>();
        Sleeper sleeper = d -> {
            slept.add(d);
            clock.now = clock.now.plus(Duration.ofSeconds(1));
        };
        CopyLoop loop = new CopyLoop(null, dirty, new CopyWatermark(), new ChunkSizer(settings, throttle),
                new RowRateLimiter(clock, sleeper, throttle), new RunProgress(), clock, sleeper, () -> { }, 10);
        assertThatThrownBy(() -> loop.applyAvailable((batch, upTo) -> ApplyOutcome.notVisibleYet()))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("invisible");
        assertThat(slept.size()).isBetween(30, 32);
        // the batch was put back, not lost
        assertThat(dirty.size()).isEqualTo(1);
        assertThat(dirty.drain(1).txIds()).containsExactly(42L);
    }

    @Test
    void staleKeysFromAnApplyAreMarkedAgain() throws Exception {
        DirtyKeys dirty = new DirtyKeys();
        dirty.mark(List.of("1"), 5);
        ThrottleSettings settings = new ThrottleSettings(0, Duration.ofMillis(500), 1, 10, 3);
        LiveThrottle throttle = new LiveThrottle(settings);
        RunProgress progress = new RunProgress();
        CopyLoop loop = new CopyLoop(null, dirty, new CopyWatermark(), new ChunkSizer(settings, throttle),
                new RowRateLimiter(CLOCK, NO_SLEEP, throttle), progress, CLOCK, NO_SLEEP, () -> { }, 10);
        List<KeyBatch> seen = new ArrayList<>();
        loop.applyAvailable((batch, upTo) -> {
            seen.add(batch);
            return new ApplyOutcome(true, 1, List.of(List.of("77")));
        });
        assertThat(seen).hasSize(1);
        assertThat(dirty.size()).isEqualTo(1);
        assertThat(dirty.drain(1).keys()).containsExactly(List.of("77"));
        assertThat(progress.changesApplied.get()).isEqualTo(1);
        assertThat(progress.dirtyKeys.get()).isEqualTo(1);
    }

    @Test
    void catchUpGivesUpAtItsDeadlineWhenBatchesRunShort() {
        MovingClock clock = new MovingClock();
        DirtyKeys dirty = new DirtyKeys();
        CopyLoop loop = loopOn(clock, dirty);
        long[] next = {0};
        for (int i = 0; i < 20; i++) {
            dirty.mark(List.of("k" + next[0]++), 1);
        }
        // every apply takes 10 s; the writers add 7 keys per batch of 10, so the backlog never drops below 5
        // before the deadline, but each applyAvailable call ends (its last batch is short)
        KeyApplier slow = (batch, upTo) -> {
            clock.now = clock.now.plusSeconds(10);
            for (int i = 0; i < 7; i++) {
                dirty.mark(List.of("k" + next[0]++), 1);
            }
            return new ApplyOutcome(true, batch.size(), List.of());
        };
        assertThatThrownBy(() -> loop.catchUp(slow, 5, Duration.ofSeconds(60)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("catch up");
    }

    @Test
    void catchUpGivesUpAtItsDeadlineUnderSustainedLoad() {
        MovingClock clock = new MovingClock();
        DirtyKeys dirty = new DirtyKeys();
        CopyLoop loop = loopOn(clock, dirty);
        long[] next = {0};
        for (int i = 0; i < 20; i++) {
            dirty.mark(List.of("k" + next[0]++), 1);
        }
        int[] calls = {0};
        // every apply takes 10 s and as many new keys arrive as it applied
        KeyApplier slow = (batch, upTo) -> {
            if (++calls[0] > 10_000) {
                throw new AssertionError("still applying after 10,000 batches (" + Duration.between(
                        Instant.parse("2024-01-01T00:00:00Z"), clock.now).toHours() + " h of simulated time)");
            }
            clock.now = clock.now.plusSeconds(10);
            for (int i = 0; i < batch.size(); i++) {
                dirty.mark(List.of("k" + next[0]++), 1);
            }
            return new ApplyOutcome(true, batch.size(), List.of());
        };
        assertThatThrownBy(() -> loop.catchUp(slow, 5, Duration.ofSeconds(60)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("catch up");
    }

    private static CopyLoop loopOn(Clock clock, DirtyKeys dirty) {
        ThrottleSettings settings = new ThrottleSettings(0, Duration.ofMillis(500), 1, 10, 3);
        LiveThrottle throttle = new LiveThrottle(settings);
        return new CopyLoop(null, dirty, new CopyWatermark(), new ChunkSizer(settings, throttle),
                new RowRateLimiter(clock, NO_SLEEP, throttle), new RunProgress(), clock, NO_SLEEP, () -> { }, 10);
    }

    @Test
    void healthCheckFailureStopsTheCopy() {
        Sim sim = new Sim(1, ApplyRule.AT_OR_BELOW);
        ThrottleSettings settings = new ThrottleSettings(0, Duration.ofMillis(500), 1, 10, 3);
        LiveThrottle throttle = new LiveThrottle(settings);
        CopyLoop loop = new CopyLoop(sim.copier, sim.dirty, sim.watermark, new ChunkSizer(settings, throttle),
                new RowRateLimiter(CLOCK, NO_SLEEP, throttle), sim.progress, CLOCK, NO_SLEEP,
                () -> {
                    if (sim.chunks >= 3) {
                        throw new IllegalStateException("the change stream stopped");
                    }
                }, 4);
        assertThatThrownBy(() -> loop.copyAll(sim.applier)).hasMessageContaining("stream stopped");
        assertThat(sim.chunks).isEqualTo(3);
        assertThat(sim.watermark.copyComplete()).isFalse();
    }
}
