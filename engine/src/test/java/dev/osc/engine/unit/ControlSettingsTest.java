package dev.osc.engine.unit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.osc.engine.run.ControlSettings;
import dev.osc.engine.run.ExitStatus;
import dev.osc.engine.run.OscException;
import dev.osc.engine.run.RunSettings;
import dev.osc.engine.run.SignalSettings;
import dev.osc.engine.run.Strategy;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The control settings are checked with the others, and the token never shows in what the run records. */
class ControlSettingsTest {
    private static final String TOKEN = "t0k3n-never-shown";

    private static RunSettings with(ControlSettings control) {
        return new RunSettings("jdbc:postgresql://db/app", null, null, "t", "ADD COLUMN a int", true, Strategy.SHADOW, 0,
                Duration.ofMillis(500), false, 0, Duration.ofMillis(200), true, false, false, RunSettings.DEFAULT_MAX_DIRECT_HOLD,
                RunSettings.DEFAULT_CUTOVER_TIMEOUT, null, SignalSettings.NONE, 1, control);
    }

    @Test
    void aPortOutOfRangeOrAnEmptyTokenIsBadInput() {
        for (int port : new int[] {-1, 65_536}) {
            OscException e = catchThrowableOfType(OscException.class, () -> with(new ControlSettings(port, null, false, null)));
            assertThat(e.status()).isEqualTo(ExitStatus.BAD_INPUT);
            assertThat(e.getMessage()).startsWith("--admin-port must be between 0");
        }
        OscException e = catchThrowableOfType(OscException.class, () -> with(new ControlSettings(0, " ", false, null)));
        assertThat(e.getMessage()).contains("--admin-token-env");
    }

    @Test
    void theRecordedSettingsSayThereIsATokenButNotWhichAndWhetherTheSwapWaits() {
        RunSettings settings = with(new ControlSettings(0, TOKEN, false, Path.of("/tmp/hold")));
        assertThat(settings.toString()).contains(" adminPort=0 adminToken=set postponeCutoverFlagFile=/tmp/hold").doesNotContain(TOKEN);
        assertThat(settings.control().postponed()).as("the flag file alone postpones").isTrue();
        assertThat(with(ControlSettings.NONE).control().postponed()).isFalse();
        assertThat(with(ControlSettings.NONE).toString()).doesNotContain("admin");
    }
}
