package dev.osc.engine.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.osc.engine.run.ExitStatus;
import dev.osc.engine.run.OscException;
import dev.osc.throttling.ThrottleDecision;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The live settings are checked all together, every change is logged with its source and counted, an abort waits for a safe point. */
class RunControlTest {
    private final Fixture f = new Fixture();

    @Test
    void settingsAreCheckedBeforeAnyIsSet() {
        f.throttle.defineLimit("max-load", 10);
        Map<String, String> values = new LinkedHashMap<>();
        values.put("max-rows-per-second", "2000");
        values.put("chunk-target-ms", "0");
        assertThatThrownBy(() -> f.control.set(values, Source.ENDPOINT)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("chunk-target-ms must be between 1 and 60000, got: 0");
        assertThatThrownBy(() -> f.control.set(Map.of("max-lag-ms", "5"), Source.ENDPOINT))
                .hasMessage("unknown setting max-lag-ms; the live settings are max-rows-per-second, chunk-target-ms, max-load");
        assertThatThrownBy(() -> f.control.set(Map.of("max-load", "x"), Source.ENDPOINT)).hasMessage("max-load must be a whole number, got: x");
        assertThatThrownBy(() -> f.control.set(Map.of(), Source.ENDPOINT)).hasMessageStartingWith("nothing to set");
        assertThat(f.throttle.maxRowsPerSecond()).as("nothing changed").isEqualTo(500);
        assertThat(f.log).isEmpty();

        values.put("chunk-target-ms", "200");
        values.put("max-load", "4");
        assertThat(f.control.set(values, Source.CLI)).isEqualTo("set max-rows-per-second 500 -> 2000, chunk-target-ms 50 -> 200, max-load 10 -> 4");
        assertThat(f.throttle.maxRowsPerSecond()).isEqualTo(2000);
        assertThat(f.throttle.chunkTarget()).isEqualTo(Duration.ofMillis(200));
        assertThat(f.throttle.limits()).containsEntry("max-load", 4L);
        assertThat(f.log).containsExactly("set max-rows-per-second 500 -> 2000 (through the admin endpoint (osc command line))",
                "set chunk-target-ms 50 -> 200 (through the admin endpoint (osc command line))",
                "set max-load 10 -> 4 (through the admin endpoint (osc command line))");
        assertThat(f.control.metrics().scrape())
                .contains("osc_setting_changes_total{setting=\"max-rows-per-second\",source=\"cli\"} 1.0");
    }

    @Test
    void pauseAndResumeAreLoggedOnceAndCounted() {
        assertThat(f.control.pause(Source.ENDPOINT)).isEqualTo("paused");
        assertThat(f.control.pause(Source.ENDPOINT)).isEqualTo("already paused");
        assertThat(f.throttle.isPaused()).isTrue();
        assertThat(f.control.status()).containsEntry("paused", true);
        assertThat(f.control.resume(Source.ENDPOINT)).isEqualTo("resumed");
        assertThat(f.control.resume(Source.ENDPOINT)).isEqualTo("not paused");
        assertThat(f.log).containsExactly("paused the copy (through the admin endpoint)", "resumed the copy (through the admin endpoint)");
        f.control.throttleChanged(new ThrottleDecision("paused", "paused"));
        f.control.throttleChanged(ThrottleDecision.GO);
        assertThat(f.control.metrics().scrape()).contains("osc_setting_changes_total{setting=\"paused\",source=\"endpoint\"} 2.0",
                "osc_throttle_changes_total{reason=\"paused\"} 1.0", "osc_throttle_changes_total{reason=\"none\"} 1.0");
    }

    @Test
    void anAbortStopsTheRunAtItsNextSafePointAndIsRefusedOnceTheSwapBegan() {
        f.control.abortIfAsked();
        assertThat(f.control.abort(Source.ENDPOINT)).isEqualTo("aborting");
        assertThatThrownBy(f.control::abortIfAsked).isInstanceOfSatisfying(OscException.class,
                e -> assertThat(e.status()).isEqualTo(ExitStatus.FAILED))
                .hasMessage("aborted through the admin endpoint: the source is unchanged and what the run created is removed");
        assertThatThrownBy(f.control::beginSwap).as("asked before the swap: it stops there").isInstanceOf(OscException.class);

        Fixture other = new Fixture();
        other.control.beginSwap();
        assertThatThrownBy(() -> other.control.abort(Source.ENDPOINT)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("the swap has begun");
        other.control.abortIfAsked();
    }

    @Test
    void theStatusSaysHowFarHowFastAndWhatHoldsTheCopy() {
        f.progress.phase("copy");
        f.progress.estimatedRows.set(10_000);
        f.progress.rowsCopied.set(1_000);
        f.progress.chunkCopied(Duration.ofSeconds(1));
        f.clock.advance(Duration.ofSeconds(1));
        f.progress.rowsCopied.set(2_000);
        f.progress.throttleReason.set("max-load: 12 sessions (limit 10)");
        f.throttled.put("max-load", 700L);
        Map<String, Object> status = f.control.status();
        assertThat(status).containsEntry("phase", "copy").containsEntry("rowsCopied", 2_000L).containsEntry("percent", 20L)
                .containsEntry("rowsPerSecond", 1_000L).containsEntry("etaSeconds", 8L).containsEntry("throttled", true)
                .containsEntry("throttleReason", "max-load: 12 sessions (limit 10)").containsEntry("throttledMsByReason", Map.of("max-load", 700L));
        assertThat(status.get("cutover").toString()).contains("state=pending", "postponed=false");
        assertThat(f.control.metrics().scrape()).contains("osc_rows_copied_total 2000.0", "osc_throttled_seconds_total{reason=\"max-load\"} 0.7",
                "osc_phase{phase=\"copy\"} 1.0", "osc_phase{phase=\"checksum\"} 0.0", "osc_chunk_duration_seconds_count 1",
                "osc_rows_estimated 10000.0", "osc_copy_rows_per_second 1000.0", "osc_stream_lag_seconds 0.0", "osc_dirty_keys 0.0",
                "osc_changes_applied_total 0.0", "osc_chunk_rows 0.0", "osc_checksum_duration_seconds NaN", "osc_cutover_attempts NaN",
                "osc_cutover_blocking_seconds NaN");
    }
}
