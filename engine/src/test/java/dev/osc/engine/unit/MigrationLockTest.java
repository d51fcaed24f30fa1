package dev.osc.engine.unit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.osc.engine.migrate.MigrationLock;
import dev.osc.engine.pg.PgMigrationDialect;
import dev.osc.engine.run.Connector;
import dev.osc.engine.run.ExitStatus;
import dev.osc.engine.run.OscException;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The migrate lock's deadline loop on a scripted session and a simulated clock: no real waiting. */
class MigrationLockTest {
    private final List<Duration> slept = new ArrayList<>();
    private final ByteArrayOutputStream logged = new ByteArrayOutputStream();
    private final PrintStream log = new PrintStream(logged, true, StandardCharsets.UTF_8);
    private Instant now = Instant.parse("2026-01-01T00:00:00Z");
    private int triesUntilGranted;
    private int tries;
    private boolean closed;

    private Clock clock() {
        return new Clock() {
            @Override
            public java.time.ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return now;
            }
        };
    }

    private MigrationLock acquire(Duration wait) throws Exception {
        Connector connector = new Connector("jdbc:postgresql://h/db", null, null, "postgresql", 5432, true, Set.of()) {
            @Override
            public Connection open(String role) {
                return session();
            }
        };
        return MigrationLock.acquire(connector, new PgMigrationDialect(), wait, clock(), d -> {
            slept.add(d);
            now = now.plus(d);
        }, log);
    }

    /** A session whose try-lock query answers false until the {@code triesUntilGranted}-th try; the holder is session 42. */
    private Connection session() {
        return (Connection) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Connection.class}, (p, m, args) -> switch (m.getName()) {
            case "createStatement" -> statement();
            case "close" -> {
                closed = true;
                yield null;
            }
            default -> null;
        });
    }

    private Statement statement() {
        return (Statement) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Statement.class}, (p, m, args) -> {
            if (m.getName().equals("executeQuery")) {
                boolean tryLock = ((String) args[0]).contains("pg_try_advisory_lock");
                boolean granted = tryLock && ++tries >= triesUntilGranted;
                return row(granted);
            }
            return null;
        });
    }

    private ResultSet row(boolean granted) {
        return (ResultSet) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {ResultSet.class}, new OneRow(granted));
    }

    /** A result of one row: the lock granted or not, held by session 42. */
    private static final class OneRow implements InvocationHandler {
        private final boolean granted;
        private boolean read;

        OneRow(boolean granted) {
            this.granted = granted;
        }

        @Override
        public Object invoke(Object proxy, Method m, Object[] args) {
            return switch (m.getName()) {
                case "next" -> {
                    boolean first = !read;
                    read = true;
                    yield first;
                }
                case "getBoolean" -> granted;
                case "getObject", "getLong" -> 42L;
                default -> null;
            };
        }
    }

    @Test
    void pollsEvery200msUntilGrantedAndSaysOnceThatItWaits() throws Exception {
        triesUntilGranted = 4;
        try (MigrationLock lock = acquire(Duration.ofSeconds(10))) {
            assertThat(slept).containsExactly(Duration.ofMillis(200), Duration.ofMillis(200), Duration.ofMillis(200));
            assertThat(logged.toString(StandardCharsets.UTF_8)).isEqualTo("osc: waiting for another osc migrate (session 42) to finish\n");
            assertThat(closed).isFalse();
        }
        assertThat(closed).as("closing the lock ends its session").isTrue();
    }

    @Test
    void givesUpAtTheDeadlineNeverSleepingPastIt() {
        triesUntilGranted = Integer.MAX_VALUE;
        assertThatThrownBy(() -> acquire(Duration.ofMillis(500))).isInstanceOf(OscException.class)
                .satisfies(e -> assertThat(((OscException) e).status()).isEqualTo(ExitStatus.REFUSED))
                .hasMessage("another osc migrate holds this database's migrate lock (session 42) after waiting 500 ms");
        assertThat(slept).containsExactly(Duration.ofMillis(200), Duration.ofMillis(200), Duration.ofMillis(100));
        assertThat(closed).isTrue();
    }

    @Test
    void noWaitRefusesAtOnce() {
        triesUntilGranted = Integer.MAX_VALUE;
        assertThatThrownBy(() -> acquire(Duration.ZERO)).hasMessageEndingWith("(session 42) (--no-wait)");
        assertThat(slept).isEmpty();
        assertThat(closed).isTrue();
    }
}
