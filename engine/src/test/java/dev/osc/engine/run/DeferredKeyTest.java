package dev.osc.engine.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.osc.engine.testkit.MovingClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** When the copy builds the shadow's deferred key early, what it says, and that it builds once. */
class DeferredKeyTest {
    private final MovingClock clock = new MovingClock();
    private final AtomicLong retainedMb = new AtomicLong();
    private final AtomicInteger probes = new AtomicInteger();
    private final AtomicInteger builds = new AtomicInteger();
    private final List<String> said = new ArrayList<>();

    private DeferredKey key(DeferredKey.Limits limits) {
        return new DeferredKey(() -> {
            builds.incrementAndGet();
            clock.now = clock.now.plusMillis(640);
        }, () -> {
            probes.incrementAndGet();
            return retainedMb.get();
        }, limits, clock, said::add);
    }

    @Test
    void dueOnceTheWaitingChangesReachTheLimit() throws Exception {
        DeferredKey key = key(new DeferredKey.Limits(1000, 1024, Duration.ofSeconds(1)));
        assertThat(key.dueEarly(999)).isNull();
        assertThat(key.dueEarly(1000)).isEqualTo("1000 changes wait for it (the limit is 1000)");
    }

    @Test
    void dueWhenTheSlotHoldsBackTooMuchWalForWaitingChangesReadAtMostOncePerInterval() throws Exception {
        DeferredKey key = key(new DeferredKey.Limits(1000, 1024, Duration.ofSeconds(1)));
        retainedMb.set(2048);
        assertThat(key.dueEarly(0)).as("no change waits: applying would release nothing").isNull();
        assertThat(probes).hasValue(0);
        retainedMb.set(1023);
        assertThat(key.dueEarly(5)).isNull();
        retainedMb.set(1024);
        assertThat(key.dueEarly(5)).as("not read again within the interval").isNull();
        assertThat(probes).hasValue(1);
        clock.now = clock.now.plusSeconds(1);
        assertThat(key.dueEarly(5)).isEqualTo("the slot holds back 1024 MiB of WAL for the 5 changes waiting for it (the limit is 1024 MiB)");
        assertThat(probes).hasValue(2);
    }

    @Test
    void aRetainedWalThrottleLowersTheWalLimitToHalfOfItsOwn() {
        assertThat(DeferredKey.Limits.under(0)).isEqualTo(DeferredKey.Limits.DEFAULT);
        assertThat(DeferredKey.Limits.under(10_000)).isEqualTo(DeferredKey.Limits.DEFAULT);
        assertThat(DeferredKey.Limits.under(600).retainedWalMb()).isEqualTo(300);
        assertThat(DeferredKey.Limits.under(1).retainedWalMb()).isEqualTo(1);
    }

    @Test
    void buildsOnceSayingWhyBeforeAndHowLongAfter() throws Exception {
        DeferredKey key = key(DeferredKey.Limits.DEFAULT);
        assertThat(key.present()).isFalse();
        assertThat(key.buildMs()).isEqualTo(-1);
        key.build("the copy is done");
        key.build("again");
        assertThat(builds).hasValue(1);
        assertThat(key.present()).isTrue();
        assertThat(key.buildMs()).isEqualTo(640);
        assertThat(said).containsExactly(
                "building the shadow's primary key now, before any change is applied: the copy is done; the copy waits meanwhile, writers do not",
                "the shadow's primary key is built in 640 ms");
    }
}
