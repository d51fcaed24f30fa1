package dev.osc.bench;

import dev.osc.engine.pg.PgDatabase;
import dev.osc.engine.run.DatabaseEngine;
import dev.osc.engine.run.RunProgress;
import dev.osc.engine.run.RunResult;
import dev.osc.engine.run.RunSettings;
import dev.osc.engine.run.Strategy;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;

/**
 * One {@code ALTER COLUMN balance TYPE bigint} by osc's shadow path (checksum on, no rate limit,
 * old table dropped), with the heap sampled while it runs.
 */
final class OscAlterRun {
    static final String ALTER = "ALTER COLUMN balance TYPE bigint";

    private final String url;
    private final String table;
    private final PrintStream log;

    OscAlterRun(String url, String table, PrintStream log) {
        this.url = url;
        this.table = table;
        this.log = log;
    }

    OscRunFigures run() throws Exception {
        RunSettings settings = new RunSettings(url, null, null, table, ALTER, true, Strategy.SHADOW, 0,
                Duration.ofMillis(500), true, RunSettings.DEFAULT_DIRECT_THRESHOLD_BYTES, Duration.ofMillis(200),
                true, false, false, dev.osc.engine.run.RunSettings.DEFAULT_MAX_DIRECT_HOLD);
        System.gc();
        RunResult result;
        long heapPeak;
        try (HeapSampler heap = HeapSampler.start()) {
            result = new DatabaseEngine(new PgDatabase(), log, Clock.systemUTC(), new RunProgress()).alter(settings);
            heapPeak = heap.stop();
        }
        if (!"done".equals(result.get("status"))) {
            throw new IllegalStateException("osc did not finish: " + result.toJson());
        }
        return new OscRunFigures(number(result, "rowsCopied"), number(result, "copyMs"), number(result, "durationMs"),
                number(result, "checksumMs"), number(result, "cutoverBlockingMs"), String.valueOf(result.get("checksum")),
                heapPeak);
    }

    private static long number(RunResult result, String key) {
        Object value = result.get(key);
        if (!(value instanceof Number n)) {
            throw new IllegalStateException("osc reported no " + key + ": " + result.toJson());
        }
        return n.longValue();
    }
}
