package dev.osc.throttling;

import java.util.Objects;
import java.util.Optional;

/** Throttles while a probe reads at least a limit: {@code max-load: 12 active sessions (limit 10)}. */
public final class LimitSignal implements ThrottleSignal {
    private final String name;
    private final String unit;
    private final long limit;
    private final Probe probe;

    /** @param unit what the probe counts, for the reason ({@code active sessions}, {@code ms}) */
    public LimitSignal(String name, String unit, long limit, Probe probe) {
        if (limit < 1) {
            throw new IllegalArgumentException(name + ": the limit must be at least 1, was " + limit);
        }
        this.name = Objects.requireNonNull(name, "name");
        this.unit = Objects.requireNonNull(unit, "unit");
        this.limit = limit;
        this.probe = Objects.requireNonNull(probe, "probe");
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Optional<String> sample() throws Exception {
        long value = probe.read();
        return value >= limit ? Optional.of(name + ": " + value + " " + unit + " (limit " + limit + ")") : Optional.empty();
    }
}
