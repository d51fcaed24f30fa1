package dev.osc.engine.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.osc.engine.mysql.MyDatabase;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class StreamWarmUpTest {

    /** A warm-up that only counts its runs, or throws when told to. */
    private static Runnable counting(AtomicInteger calls, boolean fails) {
        return () -> {
            calls.incrementAndGet();
            if (fails) {
                throw new IllegalStateException("the connector's classes are missing");
            }
        };
    }

    @Test
    void warmsUpOnceOnADaemonThread() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        StreamWarmUp warmUp = new StreamWarmUp();
        Thread first = warmUp.start(counting(calls, false));
        assertThat(first).isNotNull();
        assertThat(first.isDaemon()).as("a warm-up never keeps the JVM up").isTrue();
        first.join(10_000);
        assertThat(warmUp.start(counting(calls, false))).isNull();
        assertThat(calls).hasValue(1);
    }

    @Test
    void aDatabaseWithoutAWarmUpDoesNotUseUpTheOne() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        StreamWarmUp warmUp = new StreamWarmUp();
        assertThat(warmUp.start(null)).isNull();
        Thread later = warmUp.start(counting(calls, false));
        assertThat(later).isNotNull();
        later.join(10_000);
        assertThat(calls).hasValue(1);
    }

    @Test
    void aFailedWarmUpEndsQuietly() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        Thread thread = new StreamWarmUp().start(counting(calls, true));
        thread.join(10_000);
        assertThat(thread.isAlive()).isFalse();
        assertThat(calls).hasValue(1);
    }

    /** Needs no server (none is given): the MariaDB connector's configuration and its DDL parser, on a CREATE TABLE. */
    @Test
    void theMariaDbWarmUpRunsWithoutAServer() throws Exception {
        Runnable warmUp = new MyDatabase().streamWarmUp();
        assertThat(warmUp).isNotNull();
        warmUp.run();
    }
}
