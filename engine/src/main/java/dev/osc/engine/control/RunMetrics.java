package dev.osc.engine.control;

import dev.osc.engine.run.RunProgress;
import dev.osc.engine.run.RunResult;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * One run's metrics in a Micrometer registry, scraped as Prometheus text by {@code GET /metrics}.
 * The counters and gauges read the run's live counters ({@link RunProgress}) and its result as it
 * is filled in, so they agree with {@code GET /status} and the final JSON result; the chunk
 * durations, the setting changes and the throttle changes are recorded as they happen.
 */
public final class RunMetrics {
    /** The phases a run goes through, each a series of {@code osc_phase} (1 for the current one). */
    static final List<String> PHASES = List.of("plan", "prepare", "capture", "copy", "indexes", "catch-up", "checksum",
            "postponed", "cutover", "cleanup");

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final Timer chunks;
    private final Supplier<Map<String, Long>> throttledMillis;
    private final Set<String> throttleReasons = ConcurrentHashMap.newKeySet();

    /** {@code throttledMillis}: the time the copy waited, per reason ({@code paused}, {@code rate-limit}, a signal). */
    public RunMetrics(RunProgress progress, RunResult result, CopyRate rate, Supplier<Map<String, Long>> throttledMillis) {
        this.throttledMillis = throttledMillis;
        FunctionCounter.builder("osc.rows.copied", progress, p -> p.rowsCopied.get()).description("rows copied into the shadow")
                .register(registry);
        Gauge.builder("osc.rows.estimated", progress, p -> p.estimatedRows.get()).description("the source's estimated rows")
                .register(registry);
        Gauge.builder("osc.copy.rows.per.second", progress, p -> rate.rowsPerSecond(p.rowsCopied.get() - p.rowsResumed.get(), "copy".equals(p.phase.get())))
                .description("the copy's average rate since it began").register(registry);
        chunks = Timer.builder("osc.chunk.duration").description("time to copy and commit one chunk").publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1)).maximumExpectedValue(Duration.ofMinutes(1)).register(registry);
        Gauge.builder("osc.chunk.rows", progress, p -> p.chunkRows.get()).description("rows in the chunk being copied").register(registry);
        Gauge.builder("osc.stream.lag", progress, p -> p.streamLagMillis.get() / 1000.0).baseUnit("seconds")
                .description("the change stream's lag").register(registry);
        Gauge.builder("osc.dirty.keys", progress, p -> p.dirtyKeys.get()).description("changed keys not applied to the shadow yet")
                .register(registry);
        FunctionCounter.builder("osc.changes.applied", progress, p -> p.changesApplied.get())
                .description("changed keys applied to the shadow").register(registry);
        Gauge.builder("osc.checksum.duration", result, r -> value(r, "checksumMs") / 1000.0).baseUnit("seconds")
                .description("time the checksum took (NaN until it ran)").register(registry);
        Gauge.builder("osc.cutover.attempts", result, r -> value(r, "cutoverAttempts"))
                .description("attempts the swap took (NaN until it ran)").register(registry);
        Gauge.builder("osc.cutover.blocking", result, r -> value(r, "cutoverBlockingMs") / 1000.0).baseUnit("seconds")
                .description("how long the swap held writers (NaN until it ran)").register(registry);
        for (String phase : PHASES) {
            Gauge.builder("osc.phase", progress, p -> phase.equals(p.phase.get()) ? 1 : 0).tag("phase", phase)
                    .description("1 for the phase the run is in").register(registry);
        }
    }

    /** A chunk was copied in {@code took}. */
    public void chunk(Duration took) {
        chunks.record(took);
    }

    /** A live setting was changed by {@code source}. */
    public void settingChanged(String setting, Source source) {
        Counter.builder("osc.setting.changes").tag("setting", setting).tag("source", source.label())
                .description("live setting changes").register(registry).increment();
    }

    /** The throttle's reason changed to {@code reason} ({@code none}: released). */
    public void throttleChanged(String reason) {
        Counter.builder("osc.throttle.changes").tag("reason", reason).description("changes of the throttle's reason")
                .register(registry).increment();
    }

    /** The Prometheus text of every metric, the time throttled by reason included. */
    public String scrape() {
        for (String reason : throttledMillis.get().keySet()) {
            if (throttleReasons.add(reason)) {
                FunctionCounter.builder("osc.throttled", throttledMillis, m -> m.get().getOrDefault(reason, 0L) / 1000.0)
                        .tag("reason", reason).baseUnit("seconds").description("time the copy waited, by reason").register(registry);
            }
        }
        return registry.scrape();
    }

    private static double value(RunResult result, String field) {
        return result.get(field) instanceof Number n ? n.doubleValue() : Double.NaN;
    }
}
