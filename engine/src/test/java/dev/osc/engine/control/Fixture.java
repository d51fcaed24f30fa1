package dev.osc.engine.control;

import dev.osc.engine.run.ControlSettings;
import dev.osc.engine.run.RunProgress;
import dev.osc.engine.run.RunResult;
import dev.osc.throttling.LiveThrottle;
import dev.osc.throttling.ThrottleSettings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** One run's control over fakes: a settable clock, a sleeper that moves it, the log as a list. */
final class Fixture {
    final ManualClock clock = new ManualClock();
    final List<String> log = new ArrayList<>();
    final List<Duration> sleeps = new ArrayList<>();
    final LiveThrottle throttle = new LiveThrottle(new ThrottleSettings(500, Duration.ofMillis(50), 1, 10_000, 100));
    final RunProgress progress = new RunProgress();
    final RunResult result = new RunResult();
    final Map<String, Long> throttled = new LinkedHashMap<>();
    final CutoverGate gate;
    final RunControl control;

    Fixture(ControlSettings settings) {
        gate = new CutoverGate(settings, clock, d -> {
            sleeps.add(d);
            clock.advance(d);
        }, log::add);
        control = new RunControl("r1", "s.t", throttle, progress, result, gate, clock, () -> throttled, log::add);
    }

    Fixture() {
        this(ControlSettings.NONE);
    }
}
