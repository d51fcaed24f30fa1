package dev.osc.engine.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.awaitility.core.ConditionTimeoutException;

/**
 * The leak check after a test: no connection, slot, publication or helper table left on the
 * server, and no osc or change-stream thread alive in this JVM. Threads and backends end a moment
 * after the run returns, so the check waits a bounded time for them.
 */
public final class Leaks {
    private static final Duration WAIT = Duration.ofSeconds(20);

    private Leaks() {
    }

    /** Alive threads of osc ({@code osc-*}) and of the change stream ({@code debezium*}, the binlog client {@code blc-*}). */
    public static List<String> threads() {
        List<String> out = new ArrayList<>();
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            String name = t.getName().toLowerCase(Locale.ROOT);
            if (t.isAlive() && t != Thread.currentThread()
                    && (name.startsWith("osc-") || name.startsWith("debezium") || name.startsWith("blc-"))) {
                out.add("thread " + t.getName());
            }
        }
        return out;
    }

    /** Everything left behind on {@code db} and in this JVM, except the entries in {@code allowed}. */
    public static List<String> now(TestDatabase db, Set<String> allowed) throws SQLException {
        List<String> out = new ArrayList<>(db.leftovers());
        out.addAll(db.oldTables());
        out.addAll(threads());
        out.removeAll(allowed);
        return out;
    }

    /** Waits until nothing is left (except {@code allowed}) and returns what is still there after the wait. */
    public static List<String> awaitNone(TestDatabase db, Set<String> allowed) {
        AtomicReference<List<String>> last = new AtomicReference<>(List.of());
        try {
            await().atMost(WAIT).pollInterval(Duration.ofMillis(100)).until(() -> {
                last.set(now(db, allowed));
                return last.get().isEmpty();
            });
        } catch (ConditionTimeoutException e) {
            // reported by the caller with the list
        }
        return last.get();
    }

    /** Asserts that nothing is left but the old tables that runs keep by design. */
    public static void assertNone(TestDatabase db) throws SQLException {
        assertThat(awaitNone(db, Set.copyOf(db.oldTables()))).as("left behind on %s after %s", db.db(), WAIT).isEmpty();
    }
}
