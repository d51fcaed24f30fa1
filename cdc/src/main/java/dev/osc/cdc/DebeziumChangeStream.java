package dev.osc.cdc;

import io.debezium.embedded.Connect;
import io.debezium.engine.DebeziumEngine;
import io.debezium.engine.RecordChangeEvent;
import io.debezium.engine.format.ChangeEventFormat;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
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
 * this class only runs the engine, converts records to keys and acknowledges each batch after the
 * sink took it.
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

    private void deliver(List<RecordChangeEvent<SourceRecord>> records,
                         DebeziumEngine.RecordCommitter<RecordChangeEvent<SourceRecord>> committer)
            throws InterruptedException {
        List<ChangedKey> batch = new ArrayList<>(records.size());
        for (RecordChangeEvent<SourceRecord> event : records) {
            SourceRecordKeys.toChangedKey(event.record()).ifPresent(batch::add);
        }
        if (!batch.isEmpty()) {
            sink.accept(batch);
            long commit = batch.get(batch.size() - 1).commitMillis();
            if (commit > 0) {
                lagMillis.set(Math.max(0, clock.millis() - commit));
            }
        }
        for (RecordChangeEvent<SourceRecord> event : records) {
            committer.markProcessed(event);
        }
        committer.markBatchFinished();
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
