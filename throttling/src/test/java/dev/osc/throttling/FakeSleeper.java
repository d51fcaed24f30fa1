package dev.osc.throttling;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** A sleeper that advances a fake clock instead of sleeping, recording every sleep. */
final class FakeSleeper implements Sleeper {

    private final FakeClock clock;
    final List<Duration> sleeps = new ArrayList<>();
    Runnable afterEachSleep = () -> { };

    FakeSleeper(FakeClock clock) {
        this.clock = clock;
    }

    @Override
    public void sleep(Duration d) {
        sleeps.add(d);
        clock.advance(d);
        afterEachSleep.run();
    }

    Duration total() {
        return sleeps.stream().reduce(Duration.ZERO, Duration::plus);
    }
}
