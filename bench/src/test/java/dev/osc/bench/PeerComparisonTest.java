package dev.osc.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The ratios osc ÷ peer, and the side-by-side table with the exact commands and the skipped peers. */
class PeerComparisonTest {
    private static final ToolFigures OSC = figures("osc", "done", 4.0, 2.0, 40.0, "osc alter --url u --table sb");
    private static final ToolFigures REPACK = figures("pg_repack", "done", 2.0, 4.0, 10.0, "pg_repack --table=sb");
    private static final ToolFigures GHOST = ToolFigures.skipped("gh-ost", "the same ALTER", "gh-ost is not on PATH");

    @Test
    void ratiosAreOscOverEachPeerThatFinished() {
        PeerComparison c = new PeerComparison(OSC, List.of(REPACK, GHOST));
        assertThat(c.ratios()).containsExactly(new PeerComparison.Ratios("pg_repack", 2.0, 0.5, 4.0));
    }

    @Test
    void noRatioWhenOscFailedOrThePeersFigureIsZero() {
        ToolFigures failed = figures("osc", "failed", 4.0, 2.0, 40.0, "osc");
        assertThat(new PeerComparison(failed, List.of(REPACK)).ratios()).containsExactly(new PeerComparison.Ratios("pg_repack", null, null, null));
        assertThat(PeerComparison.ratio(1, 0)).isNull();
        assertThat(PeerComparison.ratio(1, 3)).isEqualTo(0.33);
        ToolFigures peerFailed = figures("pt-osc", "failed", 1, 1, 1, "pt");
        assertThat(new PeerComparison(OSC, List.of(peerFailed)).ratios()).isEmpty();
    }

    @Test
    void theTableShowsEveryToolTheRatiosAndTheCommands() {
        String md = new PeerComparison(OSC, List.of(REPACK, GHOST)).markdown();
        assertThat(md).containsPattern(row("osc", "the same ALTER: x", "done", "4.00", "250,000", "1.00 / 2.00 / 40.00", "3 (1)"))
                .containsPattern(row("pg_repack", "rebuild", "done", "2.00", "500,000", "1.00 / 4.00 / 10.00", "0 (0)"))
                .containsPattern(row("gh-ost", "the same ALTER", "skipped", "—", "—", "—", "—"))
                .containsPattern(row("pg_repack", "2.00", "0.50", "4.00"))
                .contains("- osc: `osc alter --url u --table sb` — note")
                .contains("- gh-ost: skipped: gh-ost is not on PATH");
    }

    @Test
    void theJsonHasEveryToolAndTheRatios() {
        Map<String, Object> m = new PeerComparison(OSC, List.of(REPACK, GHOST)).toMap();
        assertThat((List<?>) m.get("tools")).hasSize(3);
        @SuppressWarnings("unchecked")
        Map<String, Object> first = (Map<String, Object>) ((List<?>) m.get("tools")).get(0);
        assertThat(first).containsEntry("tool", "osc").containsEntry("rowsPerSecond", 250_000L).containsEntry("writerErrors", 3L);
        assertThat(m.get("ratiosOscToPeer")).isEqualTo(List.of(Map.of("peer", "pg_repack", "time", 2.0, "writeP99", 0.5, "writeMax", 4.0)));
    }

    /** A table row of exactly these cells, whatever their padding. */
    private static String row(String... cells) {
        StringBuilder p = new StringBuilder("(?m)^");
        for (String c : cells) {
            p.append("\\|\\s*").append(java.util.regex.Pattern.quote(c)).append("\\s*");
        }
        return p.append("\\|$").toString();
    }

    private static ToolFigures figures(String tool, String status, double seconds, double p99, double max, String command) {
        return new ToolFigures(tool, tool.equals("osc") ? "the same ALTER: x" : "rebuild", status, command, status.equals("done") ? 0 : 1,
                seconds, 1_000_000, new LatencySummary(100, 1.0, p99, p99, max), 100, tool.equals("osc") ? 3 : 0, tool.equals("osc") ? 1 : 0,
                "note");
    }
}
