package dev.osc.throttling;

import java.util.Objects;

/**
 * How far one replica is behind, as read now: {@code millis}, or, when it does not replicate at
 * all, why ({@code stopped}; then {@code millis} is meaningless).
 *
 * @param replica names the replica for the reason (host, port, database; never credentials)
 */
public record ReplicaLag(String replica, long millis, String stopped) {
    public ReplicaLag {
        Objects.requireNonNull(replica, "replica");
    }

    public static ReplicaLag behind(String replica, long millis) {
        return new ReplicaLag(replica, Math.max(0, millis), null);
    }

    public static ReplicaLag stopped(String replica, String why) {
        return new ReplicaLag(replica, 0, Objects.requireNonNull(why, "why"));
    }

    public boolean isStopped() {
        return stopped != null;
    }
}
