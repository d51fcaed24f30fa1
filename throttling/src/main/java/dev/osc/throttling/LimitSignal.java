package dev.osc.throttling;

import java.util.Objects;
import java.util.Optional;
import java.util.function.LongSupplier;

/** Throttles while a probe reads at least a limit: {@code max-load: 12 active sessions (limit 10)}. */
public final class LimitSignal implements ThrottleSignal {
    private final String name;
    private final String unit;
    private final LongSupplier limit;
    private final Probe probe;

    /** @param unit what the probe counts, for the reason ({@code active sessions}, {@code ms}) */
    public LimitSignal(String name, String unit, long limit, Probe probe) {
        this(name, unit, fixed(name, limit), probe);
    }

    /** A limit read on every sample: a live one ({@link LiveThrottle#defineLimit}). */
    public LimitSignal(String name, String unit, LongSupplier limit, Probe probe) {
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
        long now = limit.getAsLong();
        return value >= now ? Optional.of(name + ": " + value + " " + unit + " (limit " + now + ")") : Optional.empty();
    }

    private static LongSupplier fixed(String name, long limit) {
        if (limit < 1) {
            throw new IllegalArgumentException(name + ": the limit must be at least 1, was " + limit);
        }
        return () -> limit;
    }
}
