package dev.osc.engine.orchestrator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.osc.engine.control.AdminClient;
import dev.osc.engine.control.ManualClock;
import dev.osc.engine.run.ControlSettings;
import dev.osc.engine.run.Orchestrator;
import dev.osc.engine.run.RunProgress;
import dev.osc.engine.run.RunResult;
import dev.osc.engine.run.RunSettings;
import dev.osc.engine.run.SignalSettings;
import dev.osc.engine.run.Strategy;
import dev.osc.throttling.Sleeper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The postponed swap on the orchestrator, on a fake clock: it waits after the checksum applying
 * changes, a long wait redoes the checksum before the swap, a short one does not, and an abort
 * through the endpoint during the wait removes everything without a swap.
 */
class PostponedSwapTest {
    private static final Pattern PORT = Pattern.compile("admin endpoint on http://127\\.0\\.0\\.1:(\\d+)");
    private final ByteArrayOutputStream log = new ByteArrayOutputStream();
    private final ManualClock clock = new ManualClock();
    private final RunProgress progress = new RunProgress();
    private final List<String> phasesWhileWaiting = new ArrayList<>();
    private Instant waitingSince;

    @TempDir
    Path dir;

    @Test
    void aLongWaitChecksumsAgainRightBeforeTheSwap() throws Exception {
        FakeShadowDialect dialect = dialect();
        Path flag = dir.resolve("hold");
        run(dialect, new ControlSettings(null, null, false, flag), waited -> {
            if (waited.compareTo(Duration.ofSeconds(61)) >= 0) {
                delete(flag);
            }
        });
        List<String> events = dialect.events;
        assertThat(events.stream().filter("checksum compare"::equals).count()).isEqualTo(2);
        int second = events.lastIndexOf("checksum compare");
        assertThat(events.indexOf("phase postponed")).isLessThan(second);
        assertThat(second).isLessThan(events.indexOf("lock for swap"));
        assertThat(log.toString(StandardCharsets.UTF_8)).contains("osc [postponed] cut-over released by the removal of " + flag,
                "osc [postponed] waited 61 s: checksum again before the swap");
        assertThat(phasesWhileWaiting).containsOnly("postponed");
    }

    @Test
    void aShortWaitSwapsWithoutAnotherChecksum() throws Exception {
        FakeShadowDialect dialect = dialect();
        Path flag = dir.resolve("hold");
        run(dialect, new ControlSettings(null, null, true, flag), waited -> {
            if (waited.compareTo(Duration.ofSeconds(5)) >= 0) {
                delete(flag);
            }
        });
        assertThat(dialect.events.stream().filter("checksum compare"::equals).count()).isEqualTo(1);
        assertThat(dialect.events).contains("phase postponed", "rename");
    }

    @Test
    void anAbortThroughTheEndpointWhileWaitingRemovesEverythingWithoutASwap() {
        FakeShadowDialect dialect = dialect();
        assertThatThrownBy(() -> run(dialect, new ControlSettings(0, "tok", true, null), waited -> {
            if (waited.isZero()) {
                new AdminClient(endpoint(), "tok").post("/abort", "");
            }
        })).hasMessage("aborted through the admin endpoint (osc command line): the source is unchanged and what the run created is removed");
        assertThat(dialect.events).contains("admin port recorded", "phase postponed").doesNotContain("rename", "lock for swap")
                .endsWith("stream closed", "cleanup swapped=false");
    }

    private URI endpoint() {
        Matcher m = PORT.matcher(log.toString(StandardCharsets.UTF_8));
        assertThat(m.find()).as("the port is printed: %s", log).isTrue();
        return URI.create("http://127.0.0.1:" + m.group(1));
    }

    private static void delete(Path flag) {
        try {
            Files.deleteIfExists(flag);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Nine rows; the admin port is recorded as an event. */
    private static FakeShadowDialect dialect() {
        return new FakeShadowDialect(9, 0) {
            @Override
            public void adminPort(Connection c, Integer port) {
                events.add("admin port recorded");
            }
        };
    }

    /** Runs the fake migration; {@code whileWaiting} is told, at each step of the postponed wait, how long it has waited. */
    private RunResult run(FakeShadowDialect shadow, ControlSettings control, Consumer<Duration> whileWaiting) throws Exception {
        Sleeper sleeper = d -> {
            Instant before = clock.instant();
            clock.advance(d);
            if ("postponed".equals(progress.phase.get())) {
                waitingSince = waitingSince == null ? before : waitingSince;
                phasesWhileWaiting.add(progress.phase.get());
                whileWaiting.accept(Duration.between(waitingSince, before));
            }
        };
        RunSettings settings = new RunSettings("jdbc:postgresql://localhost/x", null, null, "t", "ALTER COLUMN v TYPE bigint",
                true, Strategy.SHADOW, 0, Duration.ofMillis(500), false, 0, Duration.ofMillis(200), true, false, false,
                RunSettings.DEFAULT_MAX_DIRECT_HOLD, RunSettings.DEFAULT_CUTOVER_TIMEOUT, null, SignalSettings.NONE, 1, control);
        Orchestrator orchestrator = new Orchestrator(settings, new PrintStream(log, true), clock, sleeper, progress,
                (properties, sink, c) -> {
                    FakeStream stream = new FakeStream(sink, shadow.events);
                    shadow.attach(stream);
                    return stream;
                }, new Orchestrator.ShutdownHooks() {
                    @Override
                    public void add(Thread hook) {
                    }

                    @Override
                    public boolean remove(Thread hook) {
                        return true;
                    }
                });
        return orchestrator.alter(shadow.open("osc alter"), shadow.planning());
    }
}
