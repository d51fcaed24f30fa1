package dev.osc.engine.scenario;

import static dev.osc.engine.scenario.Checks.errContains;
import static dev.osc.engine.scenario.Checks.fieldPositive;
import static dev.osc.engine.scenario.Checks.neverShows;
import static dev.osc.engine.scenario.Checks.number;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.osc.engine.it.Osc;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A running migration steered through its admin endpoint and through the command line: paused
 * (the copy stops within a chunk, the shadow stays current), its rate changed, resumed; a wrong or
 * missing token changes nothing; aborted cleanly; a postponed swap that waits for the operator,
 * its metrics agreeing with its status and result. The copy is slowed by the rate limit on a
 * table of a few thousand rows, never by sleeping.
 */
final class ControlScenarios {
    static final String TOKEN_VAR = "OSC_TEST_ADMIN_TOKEN";
    static final String TOKEN = "s3cret-admin-token-41";
    private static final PerDb<String> RETYPE_V = PerDb.of("ALTER COLUMN v TYPE bigint", "MODIFY v BIGINT");
    private static final PerDb<String> SHADOW = PerDb.of("_{t}_osc_new", "{t}_osc_new");
    private static final String[] SLOW_COPY = {"--strategy", "shadow", "--max-rows-per-second", "500", "--chunk-target-ms", "50"};
    private static final long ROWS = 6_000;
    /** A chunk holds no writer on PostgreSQL; on MariaDB its locking read holds the writers of its rows. */
    private static final PerDb<Long> DEFAULT_CHUNK_TARGET_MS = PerDb.of(500L, 100L);

    private ControlScenarios() {
    }

    static List<Scenario> all() {
        return List.of(
                Scenario.named("control-endpoint-pause-set-resume")
                        .table(Shape.PLAIN, ROWS)
                        .alter(RETYPE_V)
                        .flags(SLOW_COPY)
                        .during(ControlScenarios::throughTheEndpoint)
                        .expect(Expect.shadowDone().and(fieldPositive("paused"), neverShows(TOKEN),
                                errContains("paused the copy (through the admin endpoint)", "osc [copy] throttled: paused",
                                        "set max-rows-per-second 500 -> 1500 (through the admin endpoint)",
                                        "resumed the copy (through the admin endpoint)"))),

                Scenario.named("control-cli-pause-set-resume")
                        .table(Shape.PLAIN, ROWS)
                        .alter(RETYPE_V)
                        .flags(SLOW_COPY)
                        .during(ControlScenarios::throughTheCommandLine)
                        .expect(Expect.shadowDone().and(fieldPositive("paused"),
                                errContains("paused the copy (through the admin endpoint (osc command line))",
                                        "set max-rows-per-second 500 -> 2000 (through the admin endpoint (osc command line))",
                                        "set chunk-target-ms 50 -> 100 (through the admin endpoint (osc command line))"))),

                Scenario.named("control-abort-through-the-endpoint")
                        .table(Shape.PLAIN, ROWS)
                        .alter(RETYPE_V)
                        .flags(SLOW_COPY)
                        .during(ControlScenarios::abortedThroughTheCommandLine)
                        .expect(Expect.fails(1, "aborted through the admin endpoint (osc command line): the source is unchanged")),

                Scenario.named("control-abort-with-admin-url")
                        .table(Shape.PLAIN, ROWS)
                        .alter(RETYPE_V)
                        .flags(SLOW_COPY)
                        .during(ControlScenarios::abortedThroughItsAdminUrl)
                        .expect(Expect.fails(1, "aborted through the admin endpoint (osc command line): the source is unchanged")),

                Scenario.named("control-postponed-cutover")
                        .table(Shape.PLAIN, 3_000)
                        .alter(RETYPE_V)
                        .flags("--strategy", "shadow", "--postpone-cutover")
                        .during(ControlScenarios::postponedUntilReleased)
                        .expect(Expect.shadowDone().and(number("SELECT count(*) FROM {t} WHERE note = 'while postponed'", 1),
                                errContains("osc [postponed] the swap waits for the operator",
                                        "osc [postponed] cut-over released through the admin endpoint (osc command line)"))));
    }

    /** Token refused (nothing changed), a bad value refused, pause, the shadow kept current, a new rate, resume. */
    private static Osc throughTheEndpoint(Stage stage) throws Exception {
        TestDatabase db = stage.db();
        try (LiveRun run = LiveRun.start(stage, Map.of(TOKEN_VAR, TOKEN), "--admin-token-env", TOKEN_VAR)) {
            run.awaitCopying();
            assertThat(db.number("SELECT admin_port FROM " + db.quote(stage.stateTable()))).as("the port in the state row")
                    .isEqualTo(run.port());
            assertThat(run.request("GET", "/status", null).status()).as("no token").isEqualTo(401);
            assertThat(run.request("POST", "/pause", "wrong-" + TOKEN).status()).as("a wrong token").isEqualTo(401);
            assertThat(run.request("POST", "/set?max-rows-per-second=9000", null).status()).as("no token").isEqualTo(401);
            LiveRun.Http bad = run.request("POST", "/set?max-rows-per-second=-5", TOKEN);
            assertThat(bad.status()).isEqualTo(400);
            assertThat(bad.body()).contains("max-rows-per-second must be 0 (unlimited) or more, got: -5");
            LiveRun.Http status = run.request("GET", "/status", TOKEN);
            assertThat(status.field("paused")).as("nothing changed: %s", status).isEqualTo("false");
            assertThat(status.number("max-rows-per-second")).as("nothing changed: %s", status).isEqualTo(500);
            assertThat(run.err()).doesNotContain(TOKEN);
            assertThat(db.strings("SELECT settings FROM " + db.quote(stage.stateTable())).get(0)).as("the state row")
                    .contains("adminToken=set").doesNotContain(TOKEN);

            long asked = run.rowsCopied();
            assertThat(run.request("POST", "/pause", TOKEN).status()).isEqualTo(200);
            pausedKeepsTheShadowCurrent(stage, run, asked, TOKEN);
            assertThat(run.request("POST", "/set?max-rows-per-second=1500", TOKEN).status()).isEqualTo(200);
            assertThat(run.request("GET", "/status", TOKEN).number("max-rows-per-second")).isEqualTo(1500);
            long resumedAt = System.nanoTime();
            long rowsAtResume = run.rowsCopied();
            assertThat(run.request("POST", "/resume", TOKEN).status()).isEqualTo(200);
            await().atMost(LiveRun.WAIT).pollInterval(Duration.ofMillis(50)).ignoreExceptions()
                    .until(() -> !run.alive() || run.rowsCopied() == ROWS);
            double seconds = (System.nanoTime() - resumedAt) / 1e9;
            long copied = ROWS - rowsAtResume;
            // the limiter allows a one-second burst, then 1,500 rows a second
            assertThat((double) copied).as("%d rows in %.2f s at 1500 rows/s", copied, seconds).isLessThanOrEqualTo(1500 * (seconds + 1) * 1.2);
            assertThat(copied / seconds).as("%d rows in %.2f s at 1500 rows/s", copied, seconds).isGreaterThan(1500 * 0.3);
            return run.finish();
        }
    }

    /**
     * Once the pause shows in the log, no further chunk is copied (at most the one in flight when
     * asked), and a change to a copied row still reaches the shadow.
     */
    private static void pausedKeepsTheShadowCurrent(Stage stage, LiveRun run, long rowsWhenAsked, String token) throws Exception {
        TestDatabase db = stage.db();
        run.awaitErr("osc [copy] throttled: paused");
        long held = run.rowsCopied();
        assertThat(held - rowsWhenAsked).as("the copy stops within one chunk (500 rows)").isLessThanOrEqualTo(500);
        db.exec(stage.sql("UPDATE {t} SET note = 'while paused' WHERE id = 1"));
        String shadowNote = "SELECT count(*) FROM " + db.quote(stage.sql(SHADOW.on(db.db()))) + " WHERE id = 1 AND note = 'while paused'";
        await().atMost(LiveRun.WAIT).ignoreExceptions().until(() -> !run.alive() || db.number(shadowNote) == 1);
        assertThat(db.number(shadowNote)).as("the change reached the shadow while paused").isEqualTo(1);
        assertThat(run.rowsCopied()).as("rows copied while paused").isEqualTo(held);
        LiveRun.Http status = run.request("GET", "/status", token);
        assertThat(status.field("throttleReason")).as("%s", status).isEqualTo("paused");
        assertThat(status.field("paused")).isEqualTo("true");
        db.exec(stage.sql("UPDATE {t} SET note = 'n1' WHERE id = 1"));
    }

    /** The same through the verbs: found by table through the state row, or given the endpoint. */
    private static Osc throughTheCommandLine(Stage stage) throws Exception {
        String url = stage.db().url();
        String t = stage.table();
        try (LiveRun run = LiveRun.start(stage, Map.of())) {
            run.awaitCopying();
            Osc status = Osc.run("status", "--url", url, "--table", t);
            assertThat(status.exit()).as("%s", status).isZero();
            assertThat(status.field("phase")).isEqualTo("copy");
            long asked = run.rowsCopied();
            Osc pause = Osc.run("pause", "--url", url, "--table", t);
            assertThat(pause.exit()).as("%s", pause).isZero();
            assertThat(pause.out()).contains("osc: paused");
            pausedKeepsTheShadowCurrent(stage, run, asked, null);
            Osc bad = Osc.run("set", "--url", url, "--table", t, "max-rows-per-second=fast");
            assertThat(bad.exit()).as("%s", bad).isEqualTo(2);
            assertThat(bad.err()).contains("max-rows-per-second must be a whole number, got: fast");
            Osc unknown = Osc.run("set", "--admin", run.admin().toString(), "max-speed=9");
            assertThat(unknown.exit()).as("%s", unknown).isEqualTo(2);
            assertThat(unknown.err()).contains("unknown setting max-speed; the live settings are max-rows-per-second, chunk-target-ms");
            Osc noToken = Osc.run("pause", "--admin", run.admin().toString(), "--admin-token-env", "OSC_TEST_NO_SUCH_VARIABLE");
            assertThat(noToken.exit()).as("%s", noToken).isEqualTo(2);
            Osc set = Osc.run("set", "--admin", run.admin().toString(), "max-rows-per-second=2000", "chunk-target-ms=100");
            assertThat(set.exit()).as("%s", set).isZero();
            assertThat(Osc.run("status", "--admin", run.admin().toString()).field("max-rows-per-second")).isEqualTo("2000");
            Osc resume = Osc.run("resume", "--url", url, "--table", t);
            assertThat(resume.exit()).as("%s", resume).isZero();
            Osc result = run.finish();
            Osc gone = Osc.run("status", "--url", url, "--table", t);
            assertThat(gone.exit()).as("no live run: %s", gone).isEqualTo(3);
            assertThat(gone.err()).contains("no live osc run on ");
            Osc cutover = Osc.run("cutover", "--admin", run.admin().toString());
            assertThat(cutover.exit()).as("nothing answers: %s", cutover).isEqualTo(3);
            return result;
        }
    }

    /** {@code osc abort} on a live run goes through its endpoint: the run stops itself and removes what it made. */
    private static Osc abortedThroughTheCommandLine(Stage stage) throws Exception {
        try (LiveRun run = LiveRun.start(stage, Map.of())) {
            run.awaitCopying();
            Osc abort = Osc.run("abort", "--url", stage.db().url(), "--table", stage.table());
            assertThat(abort.exit()).as("%s", abort).isZero();
            assertThat(abort.out()).contains("through its admin endpoint", "the source is unchanged");
            return run.finish();
        }
    }

    /** {@code osc abort --admin URL}: the same, the run named by its endpoint. */
    private static Osc abortedThroughItsAdminUrl(Stage stage) throws Exception {
        try (LiveRun run = LiveRun.start(stage, Map.of())) {
            run.awaitCopying();
            Osc abort = Osc.run("abort", "--admin", run.admin().toString());
            assertThat(abort.exit()).as("%s", abort).isZero();
            Osc both = Osc.run("abort", "--admin", run.admin().toString(), "--url", stage.db().url(), "--table", stage.table());
            assertThat(both.exit()).as("%s", both).isEqualTo(2);
            return run.finish();
        }
    }

    /** The run waits after the checksum, keeps applying, reports the same numbers in /metrics and /status, and swaps on command. */
    private static Osc postponedUntilReleased(Stage stage) throws Exception {
        TestDatabase db = stage.db();
        try (LiveRun run = LiveRun.start(stage, Map.of())) {
            await().atMost(LiveRun.WAIT).ignoreExceptions().until(() -> !run.alive()
                    || "postponed".equals(run.request("GET", "/status", null).field("state")));
            assertThat(run.alive()).as("the run waits: %s", run.err()).isTrue();
            db.exec(stage.sql("UPDATE {t} SET note = 'while postponed' WHERE id = 2"));
            String shadowNote = "SELECT count(*) FROM " + db.quote(stage.sql(SHADOW.on(db.db()))) + " WHERE id = 2 AND note = 'while postponed'";
            await().atMost(LiveRun.WAIT).ignoreExceptions().until(() -> !run.alive() || db.number(shadowNote) == 1);
            assertThat(db.number(shadowNote)).as("the change reached the shadow while the swap waits").isEqualTo(1);
            await().atMost(LiveRun.WAIT).until(() -> run.request("GET", "/status", null).number("dirtyKeys") == 0);
            LiveRun.Http status = run.request("GET", "/status", null);
            assertThat(status.number("chunk-target-ms")).as("no --chunk-target-ms: the database's default, %s", status)
                    .isEqualTo(DEFAULT_CHUNK_TARGET_MS.on(db.db()));
            PrometheusText metrics = PrometheusText.parse(run.request("GET", "/metrics", null).body());
            assertThat(metrics.value("osc_rows_copied_total")).isEqualTo(status.number("rowsCopied")).isEqualTo(3_000);
            assertThat(metrics.value("osc_changes_applied_total")).isEqualTo(status.number("changesApplied")).isPositive();
            assertThat(metrics.value("osc_phase{phase=\"postponed\"}")).isEqualTo(1);
            assertThat(metrics.value("osc_phase{phase=\"copy\"}")).isZero();
            assertThat(metrics.value("osc_chunk_duration_seconds_count")).isPositive();
            assertThat(metrics.value("osc_checksum_duration_seconds")).isNotNaN();
            assertThat(status.field("phase")).isEqualTo("postponed");
            assertThat(run.phase()).isEqualTo("postponed");
            Osc cutover = Osc.run("cutover", "--url", db.url(), "--table", stage.table());
            assertThat(cutover.exit()).as("%s", cutover).isZero();
            Osc result = run.finish();
            assertThat(Long.parseLong(result.field("rowsCopied"))).as("the result agrees with the metrics")
                    .isEqualTo((long) metrics.value("osc_rows_copied_total"));
            assertThat(Long.parseLong(result.field("changesApplied"))).isGreaterThanOrEqualTo((long) metrics.value("osc_changes_applied_total"));
            return result;
        }
    }
}
