package dev.osc.bench;

import java.time.Duration;

/** How a benchmark run loads the table: threads, rate, mix, and the quiet period measured before the change. */
record WorkloadSpec(int threads, int rate, WorkloadMix mix, Duration baseline) {
    WorkloadSpec {
        if (threads < 1 || threads > 256 || rate < 0) {
            throw new IllegalArgumentException("--threads must be between 1 and 256 and --rate 0 or more");
        }
    }

    FixtureLoad start(String url, FixtureTable table, String oracle, PhaseClock phases) throws java.sql.SQLException {
        return FixtureLoad.start(url, table, oracle, mix, threads, rate, phases);
    }
}
