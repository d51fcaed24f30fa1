package dev.osc.throttling;

import java.util.Objects;
import java.util.Optional;

/**
 * The operator's manual pause ({@link LiveThrottle#pause()}) as a throttle signal: the copy waits in the throttler's
 * steps, so the applier keeps applying while paused. Sampled on every decision (it reads a flag).
 */
public final class PauseSignal implements ThrottleSignal {
    public static final String NAME = "paused";

    private final LiveThrottle throttle;

    public PauseSignal(LiveThrottle throttle) {
        this.throttle = Objects.requireNonNull(throttle, "throttle");
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Optional<String> sample() {
        return throttle.isPaused() ? Optional.of(NAME) : Optional.empty();
    }
}
