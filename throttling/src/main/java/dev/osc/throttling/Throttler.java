package dev.osc.throttling;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Decides whether the copy may go on, from signals each sampled on its own schedule (gh-ost's throttler: measuring
 * apart from deciding). {@link #decide} samples only the signals whose interval has passed and otherwise answers from
 * their cached samples, so the copy loop may ask before every chunk. The decision names the first throttling signal
 * in the order they were added. A critical signal that fires stops the run: {@link #decide} throws.
 *
 * <p>Every change of the throttling signal is told to the listener once ({@code throttled: <reason>},
 * {@code throttle released after N ms}), and the time spent throttled is counted per signal.
 */
public final class Throttler {
    private final Clock clock;
    private final List<Scheduled> throttling;
    private final List<Scheduled> critical;
    private final Consumer<String> listener;
    private final Map<String, Long> throttledMillis = new LinkedHashMap<>();
    private volatile ThrottleDecision current = ThrottleDecision.GO;
    private Instant signalSince;
    private Instant episodeSince;

    private Throttler(Builder b) {
        this.clock = b.clock;
        this.throttling = List.copyOf(b.throttling);
        this.critical = List.copyOf(b.critical);
        this.listener = b.listener;
    }

    public static Builder using(Clock clock) {
        return new Builder(clock);
    }

    /** No signals: never throttles. */
    public static Throttler none(Clock clock) {
        return using(clock).build();
    }

    /** True when there is no signal at all (the copy loop then never asks). */
    public boolean isEmpty() {
        return throttling.isEmpty() && critical.isEmpty();
    }

    /** Samples the signals that are due and decides; throws {@link CriticalSignalException} when a critical signal fires. */
    public synchronized ThrottleDecision decide() throws Exception {
        Instant now = clock.instant();
        for (Scheduled s : critical) {
            Optional<String> reason = s.sampleIfDue(now);
            if (reason.isPresent()) {
                throw new CriticalSignalException(reason.get());
            }
        }
        ThrottleDecision decision = ThrottleDecision.GO;
        for (Scheduled s : throttling) {
            Optional<String> reason = s.sampleIfDue(now);
            if (reason.isPresent() && !decision.throttled()) {
                decision = new ThrottleDecision(s.signal.name(), reason.get());
            }
        }
        change(decision, now);
        return decision;
    }

    /** The last decision, without sampling (for a progress line on another thread). */
    public ThrottleDecision current() {
        return current;
    }

    /** Milliseconds spent throttled, per signal name, including the throttle going on now. */
    public synchronized Map<String, Long> throttledMillis() {
        Map<String, Long> copy = new LinkedHashMap<>(throttledMillis);
        if (current.throttled()) {
            copy.merge(current.signal(), millisSince(signalSince, clock.instant()), Long::sum);
        }
        return copy;
    }

    private void change(ThrottleDecision decision, Instant now) {
        ThrottleDecision before = current;
        current = decision;
        if (Objects.equals(before.signal(), decision.signal())) {
            return;
        }
        if (before.throttled()) {
            throttledMillis.merge(before.signal(), millisSince(signalSince, now), Long::sum);
        }
        if (decision.throttled()) {
            if (!before.throttled()) {
                episodeSince = now;
            }
            signalSince = now;
            listener.accept("throttled: " + decision.reason());
        } else {
            listener.accept("throttle released after " + millisSince(episodeSince, now) + " ms");
        }
    }

    private static long millisSince(Instant since, Instant now) {
        return Math.max(0, Duration.between(since, now).toMillis());
    }

    /** A signal with its interval and its last sample. */
    private static final class Scheduled {
        private final ThrottleSignal signal;
        private final Duration interval;
        private Instant next;
        private Optional<String> last = Optional.empty();

        Scheduled(ThrottleSignal signal, Duration interval) {
            this.signal = Objects.requireNonNull(signal, "signal");
            if (interval == null || interval.isNegative()) {
                throw new IllegalArgumentException(signal.name() + ": the interval must be 0 or more, was " + interval);
            }
            this.interval = interval;
        }

        Optional<String> sampleIfDue(Instant now) throws Exception {
            if (next == null || !now.isBefore(next)) {
                last = signal.sample();
                next = now.plus(interval);
            }
            return last;
        }
    }

    /** Collects the signals; those added first win when several throttle at once. */
    public static final class Builder {
        private final Clock clock;
        private final List<Scheduled> throttling = new ArrayList<>();
        private final List<Scheduled> critical = new ArrayList<>();
        private Consumer<String> listener = line -> { };

        private Builder(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
        }

        /** The copy waits while {@code signal} throttles; it is sampled at most once per {@code interval}. */
        public Builder throttleOn(ThrottleSignal signal, Duration interval) {
            throttling.add(new Scheduled(signal, interval));
            return this;
        }

        /** The run stops when {@code signal} fires; it is sampled at most once per {@code interval}. */
        public Builder abortOn(ThrottleSignal signal, Duration interval) {
            critical.add(new Scheduled(signal, interval));
            return this;
        }

        /** Told every change of the throttle state, once. */
        public Builder notifying(Consumer<String> listener) {
            this.listener = Objects.requireNonNull(listener, "listener");
            return this;
        }

        public Throttler build() {
            return new Throttler(this);
        }
    }
}
