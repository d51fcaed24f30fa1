package dev.osc.engine.unit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.osc.engine.copy.Bound;
import dev.osc.engine.copy.ChunkCopier;
import dev.osc.engine.copy.CopyOutcome;
import dev.osc.engine.copy.CopyWorkers;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

/** Copy workers stage their chunks at once and commit them in key order; one failing worker sends the step back to one-by-one. */
class CopyWorkersTest {
    private final List<String> events = Collections.synchronizedList(new ArrayList<>());

    private static Bound at(int k) {
        return Bound.upTo(List.of(Integer.toString(k)));
    }

    /** A worker whose chunk {@code [lower, upper]} is staged after {@code waitFor} counts down (so later chunks can finish first). */
    private ChunkCopier worker(String name, CountDownLatch waitFor, boolean fails) {
        return new ChunkCopier() {
            @Override
            public Optional<List<String>> upperBound(Bound lower, int rows) {
                throw new AssertionError("not asked");
            }

            @Override
            public CopyOutcome copy(Bound lower, Bound upper) {
                events.add(name + " copies " + upper.key() + " at once");
                return new CopyOutcome(10, List.of());
            }

            @Override
            public CopyOutcome recopy(Bound lower, Bound upper) {
                throw new AssertionError("not asked");
            }

            @Override
            public Staged stage(Bound lower, Bound upper) throws Exception {
                waitFor.await();
                if (fails) {
                    throw new java.sql.SQLException("deadlock", "40P01");
                }
                events.add(name + " staged " + upper.key());
                return new Staged() {
                    @Override
                    public CopyOutcome outcome() {
                        return new CopyOutcome(Long.parseLong(upper.key().get(0)), List.of());
                    }

                    @Override
                    public void commit() {
                        events.add(name + " commits " + upper.key());
                    }

                    @Override
                    public void commitWithCheckpoint(long stepRows) {
                        events.add(name + " commits " + upper.key() + " with the checkpoint of " + stepRows + " rows");
                    }

                    @Override
                    public void rollback() {
                        events.add(name + " rolls back " + upper.key());
                    }
                };
            }
        };
    }

    @Test
    void chunksCommitInKeyOrderWhicheverFinishesFirst() throws Exception {
        CountDownLatch lastDone = new CountDownLatch(1);
        CountDownLatch never = new CountDownLatch(0);
        ChunkCopier first = worker("w1", lastDone, false);
        ChunkCopier second = worker("w2", lastDone, false);
        ChunkCopier third = new ChunkCopier() {
            final ChunkCopier inner = worker("w3", never, false);

            @Override
            public Optional<List<String>> upperBound(Bound lower, int rows) {
                throw new AssertionError("not asked");
            }

            @Override
            public CopyOutcome copy(Bound lower, Bound upper) {
                throw new AssertionError("not asked");
            }

            @Override
            public CopyOutcome recopy(Bound lower, Bound upper) {
                throw new AssertionError("not asked");
            }

            @Override
            public Staged stage(Bound lower, Bound upper) throws Exception {
                Staged s = inner.stage(lower, upper);
                lastDone.countDown();
                return s;
            }
        };
        try (CopyWorkers workers = new CopyWorkers(List.of(first, second, third))) {
            List<CopyOutcome> out = workers.copy(List.of(Bound.none(), at(10), at(20), at(30)));
            assertThat(out).extracting(CopyOutcome::rows).containsExactly(10L, 20L, 30L);
        }
        assertThat(events.get(0)).isEqualTo("w3 staged [30]");
        assertThat(events.subList(3, 6)).containsExactly("w1 commits [10]", "w2 commits [20]",
                "w3 commits [30] with the checkpoint of 60 rows");
    }

    @Test
    void aLastChunkWhoseCheckpointLosesIsCopiedAgainAloneAfterTheOthersCommitted() throws Exception {
        CountDownLatch go = new CountDownLatch(0);
        ChunkCopier losing = new ChunkCopier() {
            final ChunkCopier inner = worker("w2", go, false);

            @Override
            public Optional<List<String>> upperBound(Bound lower, int rows) {
                throw new AssertionError("not asked");
            }

            @Override
            public CopyOutcome copy(Bound lower, Bound upper) {
                throw new AssertionError("not asked");
            }

            @Override
            public CopyOutcome recopy(Bound lower, Bound upper) {
                throw new AssertionError("not asked");
            }

            @Override
            public Staged stage(Bound lower, Bound upper) throws Exception {
                Staged s = inner.stage(lower, upper);
                return new Staged() {
                    @Override
                    public CopyOutcome outcome() {
                        return s.outcome();
                    }

                    @Override
                    public void commit() throws Exception {
                        s.commit();
                    }

                    @Override
                    public void commitWithCheckpoint(long stepRows) throws Exception {
                        throw new java.sql.SQLException("could not serialize access due to concurrent update", "40001");
                    }

                    @Override
                    public void rollback() {
                        s.rollback();
                    }
                };
            }
        };
        try (CopyWorkers workers = new CopyWorkers(List.of(worker("w1", go, false), losing))) {
            assertThat(workers.copy(List.of(Bound.none(), at(10), at(20)))).hasSize(2);
        }
        assertThat(events.subList(events.size() - 3, events.size()))
                .containsExactly("w1 commits [10]", "w2 rolls back [20]", "w1 copies [20] at once");
    }

    @Test
    void aFailingWorkerRollsEveryChunkBackAndTheStepIsCopiedOneByOne() throws Exception {
        CountDownLatch go = new CountDownLatch(0);
        try (CopyWorkers workers = new CopyWorkers(List.of(worker("w1", go, false), worker("w2", go, true), worker("w3", go, false)))) {
            List<CopyOutcome> out = workers.copy(List.of(Bound.none(), at(10), at(20), Bound.all()));
            assertThat(out).hasSize(3);
        }
        assertThat(events).contains("w1 rolls back [10]", "w3 rolls back []").noneMatch(e -> e.contains(" commits "));
        assertThat(events.subList(events.size() - 3, events.size()))
                .containsExactly("w1 copies [10] at once", "w1 copies [20] at once", "w1 copies [] at once");
    }
}
