package dev.osc.engine.unit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.osc.engine.mysql.MyErrors;
import dev.osc.engine.mysql.MyRowRules;
import dev.osc.engine.pg.PgErrors;
import dev.osc.engine.pg.PgRowRules;
import dev.osc.engine.rows.Retries;
import io.github.resilience4j.core.IntervalFunction;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The one retry mechanism of the copier and appliers: what each database calls retriable, how
 * often it is tried, the rollback before each new attempt, and an interrupt during the wait.
 */
class RetriesTest {
    /** A connection that only counts rollbacks (the work under test never reaches a server). */
    private int rollbacks;
    private final Connection connection = (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(),
            new Class<?>[] {Connection.class}, (proxy, method, args) -> switch (method.getName()) {
                case "getAutoCommit" -> false;
                case "rollback" -> {
                    rollbacks++;
                    yield null;
                }
                default -> throw new UnsupportedOperationException(method.getName());
            });

    /** The waits asked for, none taken. */
    private final List<Long> waits = new ArrayList<>();
    private final IntervalFunction noWait = attempt -> {
        waits.add(Retries.BACKOFF.apply(attempt));
        return 0L;
    };

    @AfterEach
    void clearInterrupt() {
        Thread.interrupted();
    }

    private static SQLException maria(int code) {
        return new SQLException("server error " + code, "HY000", code);
    }

    private static SQLException pg(String state) {
        return new SQLException("server error " + state, state);
    }

    @Test
    void mariaDbDeadlocksAndLockWaitsAreRetriedUpToTheLimitRollingBackEachTime() {
        Retries retries = new Retries("test", new MyRowRules()::isRetriable, 5, noWait);
        int[] calls = {0};
        assertThatThrownBy(() -> retries.run(connection, () -> {
            calls[0]++;
            throw maria(calls[0] % 2 == 0 ? MyErrors.DEADLOCK : MyErrors.LOCK_WAIT_TIMEOUT);
        })).isInstanceOf(SQLException.class).hasMessage("server error " + MyErrors.LOCK_WAIT_TIMEOUT);
        assertThat(calls[0]).isEqualTo(5);
        assertThat(rollbacks).isEqualTo(5);
        assertThat(waits).containsExactly(20L, 40L, 60L, 80L);
    }

    @Test
    void workThatSucceedsAfterADeadlockReturnsItsResult() throws Exception {
        Retries retries = new Retries("test", new MyRowRules()::isRetriable, 5, noWait);
        int[] calls = {0};
        long rows = retries.run(connection, () -> {
            if (++calls[0] < 3) {
                throw maria(MyErrors.DEADLOCK);
            }
            return 42L;
        });
        assertThat(rows).isEqualTo(42L);
        assertThat(calls[0]).isEqualTo(3);
        assertThat(rollbacks).isEqualTo(2);
    }

    @Test
    void postgresSerializationFailuresDeadlocksAndLockTimeoutsAreRetried() throws Exception {
        for (String state : List.of(PgErrors.SERIALIZATION_FAILURE, PgErrors.DEADLOCK_DETECTED, PgErrors.LOCK_NOT_AVAILABLE)) {
            Retries retries = new Retries("test", new PgRowRules()::isRetriable, 3, noWait);
            int[] calls = {0};
            String result = retries.run(connection, () -> {
                if (++calls[0] == 1) {
                    throw pg(state);
                }
                return "done";
            });
            assertThat(result).as(state).isEqualTo("done");
            assertThat(calls[0]).as(state).isEqualTo(2);
        }
        assertThat(rollbacks).isEqualTo(3);
    }

    @Test
    void anErrorThatIsNotRetriableIsThrownAtOnceAfterARollback() {
        Retries maria = new Retries("test", new MyRowRules()::isRetriable, 5, noWait);
        int[] calls = {0};
        assertThatThrownBy(() -> maria.run(connection, () -> {
            calls[0]++;
            throw maria(MyErrors.DUPLICATE_KEY);
        })).hasMessage("server error " + MyErrors.DUPLICATE_KEY);
        Retries postgres = new Retries("test", new PgRowRules()::isRetriable, 5, noWait);
        assertThatThrownBy(() -> postgres.run(connection, () -> {
            calls[0]++;
            throw pg(PgErrors.UNIQUE_VIOLATION);
        })).hasMessage("server error " + PgErrors.UNIQUE_VIOLATION);
        assertThatThrownBy(() -> postgres.run(connection, () -> {
            calls[0]++;
            throw new IllegalStateException("a bug");
        })).isInstanceOf(IllegalStateException.class);
        assertThat(calls[0]).isEqualTo(3);
        assertThat(rollbacks).isEqualTo(3);
        assertThat(waits).isEmpty();
    }

    @Test
    void anInterruptDuringTheWaitStopsTheRetriesAndKeepsTheFlag() {
        IntervalFunction interruptedWhileWaiting = attempt -> {
            Thread.currentThread().interrupt();
            return 1_000L;
        };
        Retries retries = new Retries("test", new MyRowRules()::isRetriable, 5, interruptedWhileWaiting);
        int[] calls = {0};
        long start = System.nanoTime();
        assertThatThrownBy(() -> retries.run(connection, () -> {
            calls[0]++;
            throw maria(MyErrors.DEADLOCK);
        })).hasMessage("server error " + MyErrors.DEADLOCK);
        assertThat(Thread.currentThread().isInterrupted()).isTrue();
        assertThat(calls[0]).isEqualTo(1);
        assertThat(rollbacks).isEqualTo(1);
        assertThat(System.nanoTime() - start).as("no second-long wait").isLessThan(500_000_000L);
    }

    @Test
    void theBackoffGrowsBy20MillisecondsUpToASecond() {
        assertThat(Retries.BACKOFF.apply(1)).isEqualTo(20L);
        assertThat(Retries.BACKOFF.apply(2)).isEqualTo(40L);
        assertThat(Retries.BACKOFF.apply(50)).isEqualTo(1000L);
    }
}
