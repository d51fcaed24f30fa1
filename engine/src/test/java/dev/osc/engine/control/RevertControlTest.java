package dev.osc.engine.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A revert is asked for only while a window is open, never once the old table could not be kept exact; once asked it stays asked. */
class RevertControlTest {
    private final Fixture f = new Fixture();

    @Test
    void withoutAWindowTheRefusalSaysWhatOneWouldNeed() {
        f.progress.phase("copy");
        assertThatThrownBy(() -> f.control.revert(Source.CLI)).isInstanceOf(IllegalStateException.class)
                .hasMessage("no revert window is open on s.t (the run is in phase copy): a run keeps one after its swap only when "
                        + "started with --revert-window DURATION");
        assertThat(f.control.revertAsked()).isFalse();
        assertThat(f.control.status()).doesNotContainKey("revert");
    }

    @Test
    void aRevertAskedInTheWindowIsLoggedOnceAndShown() {
        f.control.openRevertWindow(Instant.parse("2026-12-02T10:00:00Z"), "s._t_osc_old");
        assertThat(f.control.revert(Source.CLI)).isEqualTo("reverting: s._t_osc_old takes the name s.t back once caught up and checked");
        f.control.revert(Source.ENDPOINT);
        assertThat(f.control.revertAsked()).isTrue();
        assertThat(f.log).containsExactly("revert asked: the old table s._t_osc_old is swapped back once caught up "
                + "(through the admin endpoint (osc command line))");
        @SuppressWarnings("unchecked")
        Map<String, Object> revert = (Map<String, Object>) f.control.status().get("revert");
        assertThat(revert).containsEntry("windowEnds", "2026-12-02T10:00:00Z").containsEntry("possible", true)
                .containsEntry("askedBy", "through the admin endpoint (osc command line)");
        assertThat(f.control.metrics().scrape()).contains("osc_setting_changes_total{setting=\"revert\",source=\"cli\"} 1.0");
    }

    @Test
    void anOldTableThatCannotBeKeptExactRefusesEveryRevertWithTheReason() {
        f.control.openRevertWindow(Instant.parse("2026-12-02T10:00:00Z"), "s._t_osc_old");
        f.control.revertImpossible("a row written after the swap cannot be written back to the old table s._t_osc_old (out of range)");
        assertThatThrownBy(() -> f.control.revert(Source.ENDPOINT)).isInstanceOf(IllegalStateException.class)
                .hasMessage("cannot revert s.t: a row written after the swap cannot be written back to the old table s._t_osc_old (out of range)");
        assertThat(f.control.revertAsked()).isFalse();
        assertThat(f.control.status().get("revert").toString()).contains("possible=false");
    }
}
