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
 * <p>Every change of the throttling signal is told to the listener once, naming its source
 * ({@code throttled: <signal>: <reason>}, {@code ... (<signal> released after N ms)} when another
 * signal takes over, {@code throttle released after N ms (<signal> cleared)}); the time spent
 * throttled and the times throttled are counted per signal. Watches of the stream's retention are
 * sampled on their schedules too, told to the listener as {@code warning: ...} when their danger
 * appears, again at most once a {@link #WARNING_REPEAT} while it lasts, and when it is gone.
 */
public final class Throttler {
    /** How often a warning that lasts is told again. */
    public static final Duration WARNING_REPEAT = Duration.ofMinutes(1);

    private final Clock clock;
    private final List<Scheduled> throttling;
    private final List<Scheduled> critical;
    private final List<Watched> watches;
    private final Consumer<String> listener;
    private final Map<String, Long> throttledMillis = new LinkedHashMap<>();
    private final Map<String, Long> timesThrottled = new LinkedHashMap<>();
    private volatile ThrottleDecision current = ThrottleDecision.GO;
    private Instant signalSince;
    private Instant episodeSince;

    private Throttler(Builder b) {
        this.clock = b.clock;
        this.throttling = List.copyOf(b.throttling);
        this.critical = List.copyOf(b.critical);
        this.watches = List.copyOf(b.watches);
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
        return throttling.isEmpty() && critical.isEmpty() && watches.isEmpty();
    }

    /** Samples the signals that are due and decides; throws {@link CriticalSignalException} when a critical signal fires. */
    public synchronized ThrottleDecision decide() throws Exception {
        Instant now = clock.instant();
        for (Scheduled s : critical) {
            Optional<String> reason = s.sampleIfDue(now, Duration.ZERO);
            if (reason.isPresent()) {
                throw new CriticalSignalException(reason.get());
            }
        }
        ThrottleDecision decision = ThrottleDecision.GO;
        for (Scheduled s : throttling) {
            Optional<String> reason = s.sampleIfDue(now, Duration.ZERO);
            if (reason.isPresent() && !decision.throttled()) {
                decision = new ThrottleDecision(s.name, reason.get());
            }
        }
        change(decision, now);
        Duration throttledFor = decision.throttled() ? Duration.between(episodeSince, now) : Duration.ZERO;
        for (Watched w : watches) {
            w.watch(now, throttledFor, listener);
        }
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

    /** How many times each signal began to throttle (a signal taking over from another counts). */
    public synchronized Map<String, Long> timesThrottled() {
        return new LinkedHashMap<>(timesThrottled);
    }

    private void change(ThrottleDecision decision, Instant now) {
        ThrottleDecision before = current;
        current = decision;
        if (Objects.equals(before.signal(), decision.signal())) {
            return;
        }
        long beforeMillis = before.throttled() ? millisSince(signalSince, now) : 0;
        if (before.throttled()) {
            throttledMillis.merge(before.signal(), beforeMillis, Long::sum);
        }
        if (decision.throttled()) {
            timesThrottled.merge(decision.signal(), 1L, Long::sum);
            if (!before.throttled()) {
                episodeSince = now;
            }
            signalSince = now;
            listener.accept("throttled: " + sourced(decision)
                    + (before.throttled() ? " (" + before.signal() + " released after " + beforeMillis + " ms)" : ""));
        } else {
            listener.accept("throttle released after " + millisSince(episodeSince, now) + " ms (" + before.signal() + " cleared)");
        }
    }

    /** The reason with its signal's name in front, unless the reason already starts with it. */
    private static String sourced(ThrottleDecision d) {
        return d.reason().startsWith(d.signal()) ? d.reason() : d.signal() + ": " + d.reason();
    }

    private static long millisSince(Instant since, Instant now) {
        return Math.max(0, Duration.between(since, now).toMillis());
    }

    /** What a signal or a watch measures, given how long the copy has been held back. */
    @FunctionalInterface
    private interface Sampler {
        Optional<String> sample(Duration throttledFor) throws Exception;
    }

    /** A signal or a watch with its interval and its last sample. */
    private static final class Scheduled {
        private final String name;
        private final Sampler sampler;
        private final Duration interval;
        private Instant next;
        private Optional<String> last = Optional.empty();

        Scheduled(String name, Sampler sampler, Duration interval) {
            this.name = Objects.requireNonNull(name, "name");
            this.sampler = sampler;
            if (interval == null || interval.isNegative()) {
                throw new IllegalArgumentException(name + ": the interval must be 0 or more, was " + interval);
            }
            this.interval = interval;
        }

        static Scheduled of(ThrottleSignal signal, Duration interval) {
            return new Scheduled(signal.name(), throttledFor -> signal.sample(), interval);
        }

        Optional<String> sampleIfDue(Instant now, Duration throttledFor) throws Exception {
            if (next == null || !now.isBefore(next)) {
                last = sampler.sample(throttledFor);
                next = now.plus(interval);
            }
            return last;
        }
    }

    /** A watch and when its warning was last told. A watch that cannot check says so as its warning: it never stops the run. */
    private static final class Watched {
        private final Scheduled scheduled;
        private Instant toldAt;

        Watched(StreamWatch watch, Duration interval) {
            this.scheduled = new Scheduled(watch.name(), throttledFor -> {
                try {
                    return watch.check(throttledFor);
                } catch (InterruptedException e) {
                    throw e;
                } catch (Exception e) {
                    return Optional.of("cannot check (" + e.getMessage() + ")");
                }
            }, interval);
        }

        void watch(Instant now, Duration throttledFor, Consumer<String> listener) throws Exception {
            Optional<String> warning = scheduled.sampleIfDue(now, throttledFor);
            String name = scheduled.name;
            if (warning.isPresent() && (toldAt == null || !now.isBefore(toldAt.plus(WARNING_REPEAT)))) {
                toldAt = now;
                listener.accept("warning: " + (warning.get().startsWith(name) ? "" : name + ": ") + warning.get());
            } else if (warning.isEmpty() && toldAt != null) {
                toldAt = null;
                listener.accept(name + ": no longer in danger");
            }
        }
    }

    /** Collects the signals; those added first win when several throttle at once. */
    public static final class Builder {
        private final Clock clock;
        private final List<Scheduled> throttling = new ArrayList<>();
        private final List<Scheduled> critical = new ArrayList<>();
        private final List<Watched> watches = new ArrayList<>();
        private Consumer<String> listener = line -> { };

        private Builder(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
        }

        /** The copy waits while {@code signal} throttles; it is sampled at most once per {@code interval}. */
        public Builder throttleOn(ThrottleSignal signal, Duration interval) {
            throttling.add(Scheduled.of(signal, interval));
            return this;
        }

        /** The run stops when {@code signal} fires; it is sampled at most once per {@code interval}. */
        public Builder abortOn(ThrottleSignal signal, Duration interval) {
            critical.add(Scheduled.of(signal, interval));
            return this;
        }

        /** {@code watch} is checked at most once per {@code interval}; its warnings go to the listener. */
        public Builder watching(StreamWatch watch, Duration interval) {
            watches.add(new Watched(Objects.requireNonNull(watch, "watch"), interval));
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
