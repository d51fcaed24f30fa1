package dev.osc.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class CopyRatesTest {

    @Test
    void rowsPerSecond() {
        assertThat(CopyRates.rowsPerSecond(100_000, 2_000)).isEqualTo(50_000.0);
        assertThat(CopyRates.rowsPerSecond(10, 0)).isEqualTo(10_000.0);
    }

    @Test
    void ratioIsOscRateOverServerRate() {
        assertThat(CopyRates.ratio(40_000, 50_000)).isCloseTo(0.8, within(1e-9));
        assertThatThrownBy(() -> CopyRates.ratio(1, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aSizeResultComparesTheIdleOscCopyWithTheServersCopy() {
        // the server copies 100,000 rows in 1 s; osc copies them in 1.25 s: 0.8 of the server's rate
        SizeResult r = new SizeResult(100_000, new ServerCopyBaseline.Figures(100_000, 1_000, 3_000),
                new OscRunFigures(100_000, 1_250, 4_000, 500, 12, "ok", 64L << 20), null);

        assertThat(r.ratio()).isCloseTo(0.8, within(1e-9));
        assertThat(r.loadRunClean()).isTrue();
        assertThat(r.heapPeakBytes()).isEqualTo(64L << 20);
    }

    @Test
    void aLoadRunWithDifferencesOrErrorsIsNotClean() {
        OscRunFigures osc = new OscRunFigures(10, 10, 10, 1, 1, "ok", 100L << 20);
        assertThat(new WriteLoadRun.Figures(osc, 5, 3, List.of(), 0).clean()).isTrue();
        assertThat(new WriteLoadRun.Figures(osc, 5, 3, List.of(), 1).clean()).isFalse();
        assertThat(new WriteLoadRun.Figures(osc, 5, 3, List.of("40001: boom"), 0).clean()).isFalse();
    }

    @Test
    void reportShowsOneLinePerSizeAndValidFigures() {
        SizeResult idleOnly = new SizeResult(50_000, new ServerCopyBaseline.Figures(50_000, 500, 900),
                new OscRunFigures(50_000, 625, 3_000, 400, 15, "ok", 32L << 20), null);
        OscRunFigures loaded = new OscRunFigures(50_100, 700, 3_500, 450, 40, "ok", 48L << 20);
        SizeResult withLoad = new SizeResult(150_000, new ServerCopyBaseline.Figures(150_000, 1_500, 2_700),
                new OscRunFigures(150_000, 2_000, 6_000, 900, 20, "ok", 40L << 20),
                new WriteLoadRun.Figures(loaded, 900, 85, List.of(), 0));

        String markdown = CopyRateReport.markdown(List.of(idleOnly, withLoad));
        assertThat(markdown.lines()).hasSize(4);
        assertThat(markdown).contains("|  50,000 |").contains("0.80").contains("–").contains("48.0");

        String json = CopyRateReport.json(List.of(idleOnly, withLoad), "embedded", 4, 200);
        assertThat(json).startsWith("{\"benchmark\":\"copy-rate\"")
                .contains("\"ratio\":0.8").contains("\"differences\":0").endsWith("\"ok\":true}");
    }
}
