package dev.osc.engine.run;

import dev.osc.engine.copy.ShadowKey;
import dev.osc.throttling.Probe;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Consumer;

/**
 * The shadow's primary key, taken off for the copy by the dialect: built once, on the copy's
 * connection, before the first change is applied. Changes wait for it in memory and hold the
 * stream's acknowledgement back (the slot keeps its WAL), so the copy builds it early once
 * {@link Limits#dirtyKeys} changes wait or the slot holds back {@link Limits#retainedWalMb} MiB
 * while changes wait. The retained WAL is read at most once per {@link Limits#probeEvery}.
 */
final class DeferredKey implements ShadowKey {
    /** When the copy builds the key early. */
    record Limits(int dirtyKeys, long retainedWalMb, Duration probeEvery) {
        static final Limits DEFAULT = new Limits(100_000, 1024, Duration.ofSeconds(1));

        /** Below the throttle's own limit, if one is set: the throttled copy would otherwise wait for WAL only applies release. */
        static Limits under(long maxRetainedWalMb) {
            return maxRetainedWalMb > 0 && maxRetainedWalMb / 2 < DEFAULT.retainedWalMb
                    ? new Limits(DEFAULT.dirtyKeys, Math.max(1, maxRetainedWalMb / 2), DEFAULT.probeEvery) : DEFAULT;
        }
    }

    /** Builds the key; what the dialect does. */
    @FunctionalInterface
    interface Build {
        void run() throws Exception;
    }

    private final Build build;
    private final Probe retainedWalMb;
    private final Limits limits;
    private final Clock clock;
    private final Consumer<String> say;
    private boolean present;
    private Instant nextProbe;
    private long buildMs = -1;

    DeferredKey(Build build, Probe retainedWalMb, Limits limits, Clock clock, Consumer<String> say) {
        this.build = build;
        this.retainedWalMb = retainedWalMb;
        this.limits = limits;
        this.clock = clock;
        this.say = say;
        this.nextProbe = clock.instant();
    }

    @Override
    public boolean present() {
        return present;
    }

    @Override
    public String dueEarly(int dirtyKeys) throws Exception {
        if (dirtyKeys >= limits.dirtyKeys()) {
            return dirtyKeys + " changes wait for it (the limit is " + limits.dirtyKeys() + ")";
        }
        if (dirtyKeys == 0 || clock.instant().isBefore(nextProbe)) {
            return null;
        }
        nextProbe = clock.instant().plus(limits.probeEvery());
        long retained = retainedWalMb.read();
        return retained >= limits.retainedWalMb()
                ? "the slot holds back " + retained + " MiB of WAL for the " + dirtyKeys + " changes waiting for it (the limit is "
                        + limits.retainedWalMb() + " MiB)"
                : null;
    }

    @Override
    public void build(String why) throws Exception {
        if (present) {
            return;
        }
        say.accept("building the shadow's primary key now, before any change is applied: " + why
                + "; the copy waits meanwhile, writers do not");
        Instant start = clock.instant();
        build.run();
        present = true;
        buildMs = Duration.between(start, clock.instant()).toMillis();
        say.accept("the shadow's primary key is built in " + buildMs + " ms");
    }

    /** How long the build took; -1 before it ran. */
    long buildMs() {
        return buildMs;
    }
}
