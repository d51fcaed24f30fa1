package dev.osc.engine.unit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.osc.engine.run.ExitStatus;
import dev.osc.engine.run.OscException;
import dev.osc.engine.run.RunSettings;
import dev.osc.engine.run.SignalSettings;
import dev.osc.engine.run.Strategy;
import java.time.Duration;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

class RunSettingsTest {
    static final String PASSWORD = "s3cr3t-Pa55";

    /** All fields, mutable, so each test changes one. */
    static final class B {
        String url = "jdbc:postgresql://db:5432/app?password=" + PASSWORD;
        String user = "osc";
        String password = PASSWORD;
        String table = "public.orders";
        String alter = "ADD COLUMN note text";
        boolean execute = true;
        Strategy strategy = Strategy.AUTO;
        long maxRowsPerSecond = 0;
        Duration chunkTarget = Duration.ofMillis(500);
        boolean dropOld = false;
        long directThresholdBytes = RunSettings.DEFAULT_DIRECT_THRESHOLD_BYTES;
        Duration lockTimeout = Duration.ofSeconds(2);
        boolean checksum = true;
        boolean progress = false;
        Duration cutoverTimeout = RunSettings.DEFAULT_CUTOVER_TIMEOUT;
        Duration killBlockersAfter = null;
        SignalSettings signals = SignalSettings.NONE;

        RunSettings build() {
            return new RunSettings(url, user, password, table, alter, execute, strategy, maxRowsPerSecond, chunkTarget,
                    dropOld, directThresholdBytes, lockTimeout, checksum, progress, false, dev.osc.engine.run.RunSettings.DEFAULT_MAX_DIRECT_HOLD,
                    cutoverTimeout, killBlockersAfter, signals);
        }
    }

    private static RunSettings with(UnaryOperator<B> change) {
        return change.apply(new B()).build();
    }

    private static void assertBad(String option, UnaryOperator<B> change) {
        OscException e = catchThrowableOfType(OscException.class, () -> with(change));
        assertThat(e).as(option).isNotNull();
        assertThat(e.status()).isEqualTo(ExitStatus.BAD_INPUT);
        assertThat(e.status().code()).isEqualTo(2);
        assertThat(e.getMessage()).contains(option).doesNotContain(PASSWORD);
    }

    @Test
    void validSettingsPass() {
        assertThatCode(() -> new B().build()).doesNotThrowAnyException();
    }

    @Test
    void eachBadSettingNamesItsOption() {
        assertBad("--url", b -> { b.url = null; return b; });
        assertBad("--url", b -> { b.url = "  "; return b; });
        assertBad("--table", b -> { b.table = null; return b; });
        assertBad("--table", b -> { b.table = ""; return b; });
        assertBad("--alter", b -> { b.alter = null; return b; });
        assertBad("--alter", b -> { b.alter = "\t"; return b; });
        assertBad("--strategy", b -> { b.strategy = null; return b; });
        assertBad("--max-rows-per-second", b -> { b.maxRowsPerSecond = -1; return b; });
        assertBad("--chunk-target-ms", b -> { b.chunkTarget = Duration.ZERO; return b; });
        assertBad("--chunk-target-ms", b -> { b.chunkTarget = Duration.ofMillis(-5); return b; });
        assertBad("--chunk-target-ms", b -> { b.chunkTarget = Duration.ofMillis(60_001); return b; });
        assertBad("--direct-threshold-mb", b -> { b.directThresholdBytes = -1; return b; });
        assertBad("--lock-timeout-ms", b -> { b.lockTimeout = null; return b; });
        assertBad("--lock-timeout-ms", b -> { b.lockTimeout = Duration.ZERO; return b; });
        assertBad("--lock-timeout-ms", b -> { b.lockTimeout = Duration.ofNanos(999_999); return b; });
        assertBad("--lock-timeout-ms", b -> { b.lockTimeout = Duration.ofMillis(60_001); return b; });
        assertBad("--cutover-timeout", b -> { b.cutoverTimeout = null; return b; });
        assertBad("--cutover-timeout", b -> { b.cutoverTimeout = Duration.ZERO; return b; });
        assertBad("--kill-blockers-after", b -> { b.killBlockersAfter = Duration.ZERO; return b; });
        assertBad("--kill-blockers-after must be shorter than --cutover-timeout",
                b -> { b.cutoverTimeout = Duration.ofSeconds(30); b.killBlockersAfter = Duration.ofSeconds(30); return b; });
    }

    @Test
    void cutoverSettingsDefaultToFiveMinutesAndNoKilling() {
        RunSettings settings = new RunSettings("jdbc:postgresql://db/app", null, null, "t", "ADD COLUMN a int", true, Strategy.AUTO,
                0, Duration.ofMillis(500), false, 0, Duration.ofMillis(200), true, false, false, RunSettings.DEFAULT_MAX_DIRECT_HOLD);

        assertThat(settings.cutoverTimeout()).isEqualTo(Duration.ofMinutes(5));
        assertThat(settings.killBlockersAfter()).isNull();
        assertThat(with(b -> { b.killBlockersAfter = Duration.ofSeconds(10); return b; }).toString())
                .contains("cutoverTimeoutMs=300000", "killBlockersAfterMs=10000");
    }

    @Test
    void boundariesAreAccepted() {
        assertThatCode(() -> with(b -> { b.chunkTarget = Duration.ofMillis(1); return b; })).doesNotThrowAnyException();
        // none given: the database's default, chosen by the dialect once it is known
        assertThatCode(() -> with(b -> { b.chunkTarget = null; return b; })).doesNotThrowAnyException();
        assertThatCode(() -> with(b -> { b.chunkTarget = Duration.ofMillis(60_000); return b; })).doesNotThrowAnyException();
        assertThatCode(() -> with(b -> { b.lockTimeout = Duration.ofMillis(1); return b; })).doesNotThrowAnyException();
        assertThatCode(() -> with(b -> { b.lockTimeout = Duration.ofMillis(60_000); return b; })).doesNotThrowAnyException();
        assertThatCode(() -> with(b -> { b.maxRowsPerSecond = 0; b.directThresholdBytes = 0; return b; }))
                .doesNotThrowAnyException();
        assertThatCode(() -> with(b -> { b.user = null; b.password = null; return b; })).doesNotThrowAnyException();
    }

    @Test
    void toStringNeverShowsThePassword() {
        RunSettings s = new B().build();
        assertThat(s.toString()).doesNotContain(PASSWORD).doesNotContain("password")
                .contains("table=public.orders").contains("strategy=auto").contains("chunkTargetMs=500")
                .contains("lockTimeoutMs=2000");
        // the record still holds it for the connector
        assertThat(s.password()).isEqualTo(PASSWORD);
    }

    @Test
    void throttleSignalsAreValidatedNamingTheirOption() {
        assertBad("--throttle-query", b -> { b.signals = new SignalSettings(null, "  ", 0, 0, 0); return b; });
        assertBad("--max-load", b -> { b.signals = new SignalSettings(null, null, -1, 0, 0); return b; });
        assertBad("--critical-load", b -> { b.signals = new SignalSettings(null, null, 0, -1, 0); return b; });
        assertBad("--critical-load", b -> { b.signals = new SignalSettings(null, null, 10, 10, 0); return b; });
        assertBad("--max-stream-lag-ms", b -> { b.signals = new SignalSettings(null, null, 0, 0, -5); return b; });
        assertThatCode(() -> with(b -> { b.signals = new SignalSettings(java.nio.file.Path.of("/tmp/p"), "SELECT 0", 10, 20, 1_000); return b; }))
                .doesNotThrowAnyException();
    }

    @Test
    void theThrottleQueryTextIsNotPrinted() {
        RunSettings s = with(b -> { b.signals = new SignalSettings(null, "SELECT count(*) FROM secret_stuff", 0, 0, 0); return b; });
        assertThat(s.toString()).contains("throttleQuery=set").doesNotContain("secret_stuff");
    }

    private static SignalSettings lag(long maxLagMs, List<String> replicas, long maxRetainedWalMb) {
        return new SignalSettings(null, null, 0, 0, 0, maxLagMs, replicas, maxRetainedWalMb);
    }

    private static final String MARIA = "jdbc:mariadb://db:3306/app?password=" + PASSWORD;

    @Test
    void replicaLagAndRetainedWalAreValidatedNamingTheirOption() {
        assertBad("--max-lag-ms", b -> { b.signals = lag(-1, List.of(), 0); return b; });
        assertBad("--replica needs --max-lag-ms", b -> { b.signals = lag(0, List.of("jdbc:postgresql://standby/app"), 0); return b; });
        assertBad("--replica must be a JDBC URL", b -> { b.signals = lag(1_000, List.of("jdbc:mariadb://r1/app?password=" + PASSWORD), 0); return b; });
        assertBad("--max-lag-ms on MariaDB/MySQL needs the replicas named with --replica",
                b -> { b.url = MARIA; b.signals = lag(1_000, List.of(), 0); return b; });
        assertBad("--replica must be a JDBC URL", b -> { b.url = MARIA; b.signals = lag(1_000, List.of("jdbc:postgresql://r1/app"), 0); return b; });
        assertBad("--max-retained-wal-mb", b -> { b.signals = lag(0, List.of(), -1); return b; });
        assertBad("--max-retained-wal-mb is for PostgreSQL", b -> { b.url = MARIA; b.signals = lag(0, List.of(), 512); return b; });
        assertThatCode(() -> with(b -> { b.signals = lag(1_000, List.of(), 512); return b; })).as("PostgreSQL reads its standbys itself")
                .doesNotThrowAnyException();
        assertThatCode(() -> with(b -> { b.url = MARIA; b.signals = lag(1_000, List.of("jdbc:mysql://r1/app", "jdbc:mariadb://r2:3307/app"), 0); return b; }))
                .doesNotThrowAnyException();
    }

    @Test
    void replicaUrlsAreNotPrinted() {
        RunSettings s = with(b -> { b.signals = lag(1_000, List.of("jdbc:postgresql://standby-secret/app?password=" + PASSWORD), 64); return b; });
        assertThat(s.toString()).contains("maxLagMs=1000", "replicas=1", "maxRetainedWalMb=64").doesNotContain("standby-secret", PASSWORD);
        assertThat(s.signals().toString()).doesNotContain("standby-secret", PASSWORD);
        assertThat(s.signals().throttles()).isTrue();
        assertThat(SignalSettings.NONE.throttles()).isFalse();
        assertThat(new SignalSettings(null, null, 0, 5, 0).throttles()).as("the critical load only stops the run").isFalse();
    }
}
