package dev.osc.throttling;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * {@code --max-lag-ms}: throttles while a replica is at least the limit behind, while one does not
 * replicate at all, and while one cannot be read (a replica that cannot be watched is not known to
 * keep up). The reason names the first such replica, in the order of the sources, else the most lagging one.
 */
public final class ReplicaLagSignal implements ThrottleSignal {
    public static final String NAME = "max-lag";

    private final java.util.function.LongSupplier limit;
    private final List<ReplicaLagSource> sources;

    public ReplicaLagSignal(long limitMillis, List<ReplicaLagSource> sources) {
        this(fixed(limitMillis), sources);
    }

    /** A live limit ({@link LiveThrottle#defineLimit}), read at every sample. */
    public ReplicaLagSignal(java.util.function.LongSupplier limitMillis, List<ReplicaLagSource> sources) {
        this.limit = Objects.requireNonNull(limitMillis, "limit");
        this.sources = List.copyOf(Objects.requireNonNull(sources, "sources"));
    }

    private static java.util.function.LongSupplier fixed(long limitMillis) {
        if (limitMillis < 1) {
            throw new IllegalArgumentException(NAME + ": the limit must be at least 1 ms, was " + limitMillis);
        }
        return () -> limitMillis;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Optional<String> sample() throws InterruptedException {
        ReplicaLag worst = null;
        for (ReplicaLagSource source : sources) {
            List<ReplicaLag> lags;
            try {
                lags = source.read();
            } catch (InterruptedException e) {
                throw e;
            } catch (Exception e) {
                return Optional.of(NAME + ": cannot read " + source.describe() + ": " + e.getMessage());
            }
            for (ReplicaLag lag : lags) {
                if (lag.isStopped()) {
                    return Optional.of(NAME + ": " + lag.replica() + " is not replicating: " + lag.stopped());
                }
                if (worst == null || lag.millis() > worst.millis()) {
                    worst = lag;
                }
            }
        }
        long limitMillis = limit.getAsLong();
        return worst != null && worst.millis() >= limitMillis
                ? Optional.of(NAME + ": " + worst.replica() + " is " + worst.millis() + " ms behind (limit " + limitMillis + " ms)")
                : Optional.empty();
    }
}
