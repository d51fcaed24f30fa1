package dev.osc.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The copy rate per count of copy workers, and each count's rate against the first count's. */
class CopyWorkerRatesTest {
    private static final LatencySummary WRITES = new LatencySummary(100, 1.5, 20.25, 30, 41.5);

    @Test
    void eachCountAgainstTheFirst() {
        CopyWorkerRates rates = new CopyWorkerRates(List.of(
                new CopyWorkerRates.Rate(1, "done", 1_000_000, 10_000, 14.2, 900, WRITES),
                new CopyWorkerRates.Rate(2, "done", 1_000_000, 6_250, 10.4, 800, WRITES),
                new CopyWorkerRates.Rate(4, "failed", 0, 0, 1.0, 0, LatencySummary.NONE)));
        assertThat(rates.rates().get(1).copyRowsPerSecond()).isEqualTo(160_000.0);
        assertThat(rates.speedup(rates.rates().get(0))).isEqualTo(1.0);
        assertThat(rates.speedup(rates.rates().get(1))).isEqualTo(1.6);
        assertThat(rates.speedup(rates.rates().get(2))).as("a run that copied nothing").isNull();

        @SuppressWarnings("unchecked")
        Map<String, Object> second = (Map<String, Object>) rates.toList().get(1);
        assertThat(second).containsEntry("copyWorkers", 2).containsEntry("copyRowsPerSecond", 160_000L)
                .containsEntry("copySeconds", 6.25).containsEntry("copyRateToFirst", 1.6);

        String md = rates.markdown();
        assertThat(md).startsWith("## Copy rate against copy workers")
                .containsPattern("\\|\\s+2 \\|\\s+done \\|\\s+6\\.25 \\|\\s+160,000 \\|\\s+1\\.60 \\|\\s+10\\.40 \\|\\s+0\\.80 \\|\\s+20\\.25 / 41\\.50 \\|")
                .containsPattern("\\|\\s+4 \\|\\s+failed \\|.*\\|\\s+— \\|");
    }
}
