package dev.osc.bench;

import dev.osc.cdc.ChangedKey;
import dev.osc.engine.copy.DirtyKeys;
import dev.osc.engine.copy.KeyBatch;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The in-JVM hot path of the change stream, per change: the key as the stream hands it over
 * ({@link ChangedKey}), marked in the dirty set (hot keys repeat), drained in apply batches of
 * 2,000. Reports changes per second, to show the stream side is never the bottleneck.
 * Run: {@code java -cp bench/target/osc-bench.jar org.openjdk.jmh.Main DirtyKeysHotPath}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 2)
@Fork(1)
public class DirtyKeysHotPathBenchmark {
    private static final int BATCH = 2_000;
    private DirtyKeys dirty;
    private long next;

    @Setup
    public void setUp() {
        dirty = new DirtyKeys();
        next = 0;
    }

    @Benchmark
    public void markAndDrainSingleColumnKeys(Blackhole hole) {
        long n = next++;
        // one change in four touches a hot key (the last 1,000 keys), the rest are fresh keys
        long id = (n & 3) == 0 ? n - (n % 1_000) : n;
        ChangedKey change = new ChangedKey("public", "orders", List.of(Long.toString(id)), n, 0);
        dirty.mark(change.key(), change.txId());
        if (dirty.size() >= BATCH) {
            KeyBatch batch = dirty.drain(BATCH);
            hole.consume(batch);
        }
    }

    @Benchmark
    public void markAndDrainCompositeKeys(Blackhole hole) {
        long n = next++;
        ChangedKey change = new ChangedKey("public", "orders", List.of("tenant-" + (n % 50), Long.toString(n)), n, 0);
        dirty.mark(change.key(), change.txId());
        if (dirty.size() >= BATCH) {
            hole.consume(dirty.drain(BATCH));
        }
    }
}
