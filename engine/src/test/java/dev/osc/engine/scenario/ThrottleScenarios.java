package dev.osc.engine.scenario;

import static dev.osc.engine.scenario.Checks.errContains;
import static dev.osc.engine.scenario.Checks.fieldPositive;
import static dev.osc.engine.scenario.Checks.number;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.osc.engine.it.Osc;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Throttle signals on a real run: while the flag file exists or the throttle query returns non-zero,
 * rows copied stay where they are and changes are still applied; the run completes once the signal
 * is gone. A critical load stops the run cleanly.
 */
final class ThrottleScenarios {
    private static final PerDb<String> RETYPE_V = PerDb.of("ALTER COLUMN v TYPE bigint", "MODIFY v BIGINT");
    private static final PerDb<String> SHADOW = PerDb.of("_{t}_osc_new", "{t}_osc_new");
    private static final String[] SLOW_COPY = {"--strategy", "shadow", "--max-rows-per-second", "4000", "--chunk-target-ms", "50"};
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String REPLICA_SECRET = "r3plica-Secret";

    private ThrottleScenarios() {
    }

    static List<Scenario> all() {
        return List.of(
                Scenario.named("flag-file-throttles-the-copy")
                        .table(Shape.PLAIN, 40_000)
                        .alter(RETYPE_V)
                        .flags(SLOW_COPY)
                        .during(flagFileHoldsTheCopy())
                        .expect(Expect.shadowDone().and(number("SELECT count(*) FROM {t} WHERE note = 'while throttled'", 1),
                                fieldPositive("flag-file"), errContains("osc [copy] throttle released after "))),

                Scenario.named("throttle-query-throttles-the-copy")
                        .table(Shape.PLAIN, 40_000)
                        .alter(RETYPE_V)
                        .flags(SLOW_COPY)
                        .setup(PerDb.both(List.of("CREATE TABLE {t}_hold (x int)")), PerDb.both(List.of("DROP TABLE IF EXISTS {t}_hold")))
                        .during(throttleQueryHoldsTheCopy())
                        .expect(Expect.shadowDone().and(number("SELECT count(*) FROM {t} WHERE note = 'while throttled'", 1),
                                fieldPositive("throttle-query"), errContains("osc [copy] throttle released after "))),

                // another session runs a statement all along: a load of 1 is reached at once
                // found before anything is created, as bad input, not in the middle of the copy
                Scenario.named("bad-throttle-query-is-bad-input")
                        .table(Shape.PLAIN, 1_000)
                        .alter(RETYPE_V)
                        .flags("--strategy", "shadow", "--throttle-query", "SELECT no_such_column FROM {t}")
                        .expect(Expect.fails(2, "--throttle-query failed: ")),

                // the run's own change stream is a logical walsender: it is no standby, so with none the copy goes on
                Scenario.named("replica-lag-without-standbys-goes-on")
                        .table(Shape.PLAIN, 20_000)
                        .alter(PerDb.pgOnly("ALTER COLUMN v TYPE bigint"))
                        .flags("--strategy", "shadow", "--max-lag-ms", "1", "--max-retained-wal-mb", "100000")
                        .expect(Expect.shadowDone().and(run -> assertThat(run.result().err()).doesNotContain("throttled"))),

                // read once before the copy: a replica that cannot be read is bad input, and what the run made is removed
                Scenario.named("unreadable-replica-is-bad-input")
                        .table(Shape.PLAIN, 1_000)
                        .alter(RETYPE_V)
                        .flags(PerDb.of(
                                List.of("--strategy", "shadow", "--max-lag-ms", "1000", "--replica", "jdbc:postgresql://127.0.0.1:1/app?password=" + REPLICA_SECRET),
                                List.of("--strategy", "shadow", "--max-lag-ms", "1000", "--replica", "jdbc:mariadb://127.0.0.1:1/app?password=" + REPLICA_SECRET)))
                        .expect(Expect.fails(2, "--max-lag-ms: cannot read replica ", "://127.0.0.1:1/app: ").and(Checks.neverShows(REPLICA_SECRET))),

                Scenario.named("critical-load-aborts-cleanly")
                        .table(Shape.PLAIN, 20_000)
                        .alter(RETYPE_V)
                        .flags("--strategy", "shadow", "--critical-load", "1")
                        .during(busySessionThroughRun())
                        .expect(Expect.fails(1, "critical-load: ", "(limit 1): the run stops and removes what it created")));
    }

    /** Mid-copy, a flag file appears; once the copy waits, a change below the watermark must still reach the shadow; then it goes. */
    static During flagFileHoldsTheCopy() {
        return stage -> {
            Path flag = Files.createTempDirectory("osc-throttle").resolve("hold");
            try {
                return heldMidCopy(stage, List.of("--throttle-flag-file", flag.toString()),
                        () -> Files.createFile(flag), () -> Files.delete(flag), "throttled: flag-file: " + flag + " exists");
            } finally {
                Files.deleteIfExists(flag);
                Files.deleteIfExists(flag.getParent());
            }
        };
    }

    /** The same with the user's query, which returns non-zero while a row is in {@code {t}_hold}. */
    static During throttleQueryHoldsTheCopy() {
        return stage -> heldMidCopy(stage, List.of("--throttle-query", stage.sql("SELECT count(*) FROM {t}_hold")),
                () -> stage.db().exec(stage.sql("INSERT INTO {t}_hold VALUES (1)")),
                () -> stage.db().exec(stage.sql("DELETE FROM {t}_hold")), "throttled: throttle-query returned 1");
    }

    @FunctionalInterface
    interface Action {
        void run() throws Exception;
    }

    private static Osc heldMidCopy(Stage stage, List<String> signal, Action hold, Action release, String throttledLine) throws Exception {
        TestDatabase db = stage.db();
        String state = "SELECT rows_copied FROM " + db.quote(stage.stateTable());
        String shadowNote = "SELECT count(*) FROM " + db.quote(stage.sql(SHADOW.on(db.db()))) + " WHERE id = 1 AND note = 'while throttled'";
        List<String> cmd = new ArrayList<>(stage.processCommand());
        cmd.add("--json");
        cmd.addAll(signal);
        Path out = Files.createTempFile("osc-throttle", ".out");
        Path err = Files.createTempFile("osc-throttle", ".err");
        Process osc = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        try {
            await().atMost(WAIT).ignoreExceptions().until(() -> !osc.isAlive() || db.number(state) > 0);
            assertThat(osc.isAlive()).as("osc still copies: %s", Files.readString(err)).isTrue();
            hold.run();
            await().atMost(WAIT).until(() -> !osc.isAlive() || Files.readString(err).contains("osc [copy] " + throttledLine));
            assertThat(Files.readString(err)).as("the throttle is logged").contains("osc [copy] " + throttledLine);
            long held = db.number(state);
            // the first chunk is committed: a change to its first row is applied while the copy waits
            db.exec(stage.sql("UPDATE {t} SET note = 'while throttled' WHERE id = 1"));
            await().atMost(WAIT).ignoreExceptions().until(() -> !osc.isAlive() || db.number(shadowNote) == 1);
            assertThat(db.number(shadowNote)).as("the change reached the shadow while throttled").isEqualTo(1);
            assertThat(db.number(state)).as("rows copied while throttled").isEqualTo(held);
            assertThat(osc.isAlive()).as("the run waits").isTrue();
            release.run();
            assertThat(osc.waitFor(WAIT.toSeconds(), TimeUnit.SECONDS)).as("osc ends once released").isTrue();
            return new Osc(osc.exitValue(), Files.readString(out), Files.readString(err));
        } finally {
            osc.destroyForcibly();
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    /** A session of the application sleeps in a statement while the run goes: it counts as load on both databases. */
    static During busySessionThroughRun() {
        return stage -> {
            TestDatabase db = stage.db();
            try (Connection busy = db.connect(); Statement st = busy.createStatement()) {
                CompletableFuture<Void> sleeping = CompletableFuture.runAsync(() -> {
                    try {
                        st.execute(PerDb.of("SELECT pg_sleep(120)", "SELECT SLEEP(120)").on(db.db()));
                    } catch (Exception cancelled) {
                        // cancelled below
                    }
                });
                await().atMost(WAIT).until(() -> db.number(PerDb.of(
                        "SELECT count(*) FROM pg_stat_activity WHERE state = 'active' AND query LIKE 'SELECT pg_sleep(120)%'",
                        "SELECT count(*) FROM information_schema.PROCESSLIST WHERE INFO LIKE 'SELECT SLEEP(120)%'").on(db.db())) > 0);
                try {
                    return stage.run();
                } finally {
                    st.cancel();
                    sleeping.get(30, TimeUnit.SECONDS);
                }
            }
        };
    }
}
