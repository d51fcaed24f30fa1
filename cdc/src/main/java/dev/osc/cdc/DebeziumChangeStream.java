package dev.osc.cdc;

import io.debezium.embedded.Connect;
import io.debezium.engine.DebeziumEngine;
import io.debezium.engine.RecordChangeEvent;
import io.debezium.engine.format.ChangeEventFormat;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.connect.source.SourceRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link ChangeStream} over Debezium Embedded. The connector properties come from the dialect;
 * this class only runs the engine, converts records to keys and hands a batch's records back to
 * the engine once the caller acknowledged the batch. Acknowledged records not yet handed back
 * when the stream closes are delivered again after a restart (keys are idempotent).
 */
public final class DebeziumChangeStream implements ChangeStream {
    private static final Logger LOG = LoggerFactory.getLogger(DebeziumChangeStream.class);
    /** The MySQL-family binlog client logs through java.util.logging (INFO lines at every stop); held so the level sticks. */
    private static final java.util.logging.Logger BINLOG_CLIENT_LOG = java.util.logging.Logger.getLogger("com.github.shyiko");

    static {
        BINLOG_CLIENT_LOG.setLevel(java.util.logging.Level.WARNING);
    }

    private final Properties properties;
    private final ChangeSink sink;
    private final Clock clock;
    private final CountDownLatch started = new CountDownLatch(1);
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private final AtomicLong lagMillis = new AtomicLong();
    private final AcknowledgementQueue<RecordChangeEvent<SourceRecord>> acks = new AcknowledgementQueue<>();
    private volatile boolean closing;
    private DebeziumEngine<RecordChangeEvent<SourceRecord>> engine;
    private ExecutorService executor;

    public DebeziumChangeStream(Properties properties, ChangeSink sink, Clock clock) {
        this.properties = (Properties) properties.clone();
        this.sink = sink;
        this.clock = clock;
    }

    @Override
    public void start(Duration timeout) throws StreamException, InterruptedException {
        CountDownLatch ended = new CountDownLatch(1);
        engine = DebeziumEngine.create(ChangeEventFormat.of(Connect.class))
                .using(properties)
                .using(new DebeziumEngine.ConnectorCallback() {
                    @Override
                    public void taskStarted() {
                        started.countDown();
                    }
                })
                .using((success, message, error) -> {
                    if (!success && !closing) {
                        failure.compareAndSet(null, error != null ? error : new StreamException(message));
                        LOG.warn("change stream stopped: {}{}", message, error == null ? "" : ": " + rootMessage(error));
                    }
                    ended.countDown();
                    started.countDown();
                })
                .notifying(this::deliver)
                .build();
        executor = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "osc-change-stream");
            t.setDaemon(true);
            return t;
        });
        executor.execute(engine);
        if (!started.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            close();
            throw new StreamException("change stream did not start within " + timeout.toSeconds() + " s");
        }
        Throwable error = failure.get();
        if (error != null) {
            close();
            throw new StreamException("change stream failed to start: " + rootMessage(error), error);
        }
    }

    /**
     * One batch from the engine, on its thread: the keys go to the sink under a new sequence, the
     * records wait in {@link #acks} until that sequence is acknowledged, and the records of every
     * batch acknowledged since the last call are marked processed now, oldest first, before the
     * batch is finished (which may flush the offsets). Checked against Debezium 3.5's
     * AsyncEmbeddedEngine, which {@code DebeziumEngine.create} builds: its committer is one per
     * task and only records the latest offset per source partition (task.commitRecord and the
     * offset writer), so marking an earlier batch's record from a later call is valid, and marking
     * the last record of each partition of a batch has the effect of marking them all; keeping only
     * those bounds what an unacknowledged backlog holds. The flush (every offset.flush.interval.ms,
     * from markBatchFinished) commits the task's offset, which on PostgreSQL advances the slot's
     * confirmed_flush_lsn. Without changes, only heartbeats bring an acknowledgement in.
     */
    private void deliver(List<RecordChangeEvent<SourceRecord>> records,
                         DebeziumEngine.RecordCommitter<RecordChangeEvent<SourceRecord>> committer)
            throws InterruptedException {
        List<ChangedKey> keys = new ArrayList<>(records.size());
        Map<Map<String, ?>, RecordChangeEvent<SourceRecord>> lastPerPartition = new LinkedHashMap<>();
        StreamPosition position = null;
        for (RecordChangeEvent<SourceRecord> event : records) {
            SourceRecordKeys.toChangedKey(event.record()).ifPresent(keys::add);
            StreamPosition p = SourceRecordKeys.position(event.record());
            if (p != null) {
                position = p;
            }
            if (SourceRecordKeys.hasOffset(event.record())) {
                Map<String, ?> partition = SourceRecordKeys.partition(event.record());
                lastPerPartition.remove(partition);
                lastPerPartition.put(partition, event);
            }
        }
        List<RecordChangeEvent<SourceRecord>> toCommit = new ArrayList<>(lastPerPartition.values());
        if (keys.isEmpty()) {
            acks.follow(toCommit, position);
        } else {
            long sequence = acks.deliver(toCommit, position);
            sink.accept(new ChangeBatch(sequence, keys, position));
            long commit = keys.get(keys.size() - 1).commitMillis();
            if (commit > 0) {
                lagMillis.set(Math.max(0, clock.millis() - commit));
            }
        }
        acks.release(committer::markProcessed);
        committer.markBatchFinished();
    }

    @Override
    public void acknowledge(long sequence) {
        acks.acknowledge(sequence);
    }

    @Override
    public StreamPosition acknowledgedPosition() {
        return acks.releasedPosition();
    }

    @Override
    public long lagMillis() {
        return lagMillis.get();
    }

    @Override
    public Optional<Throwable> failure() {
        return Optional.ofNullable(failure.get());
    }

    @Override
    public synchronized void close() {
        if (closing) {
            return;
        }
        closing = true;
        try {
            if (engine != null) {
                engine.close();
            }
        } catch (Exception e) {
            LOG.warn("closing the change stream: {}", rootMessage(e));
        }
        if (executor != null) {
            executor.shutdown();
            try {
                if (!executor.awaitTermination(30, TimeUnit.SECONDS)) {
                    executor.shutdownNow();
                }
            } catch (InterruptedException e) {
                executor.shutdownNow();
                Thread.currentThread().interrupt();
            }
        }
    }

    static String rootMessage(Throwable t) {
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }
}
