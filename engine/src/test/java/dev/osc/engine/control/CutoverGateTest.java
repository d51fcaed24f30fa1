package dev.osc.engine.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.osc.engine.run.ControlSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A postponed swap waits, applying changes at every step, until released by a command or the flag file's removal; on a fake clock. */
class CutoverGateTest {
    @TempDir
    Path dir;

    @Test
    void waitsApplyingChangesUntilTheOperatorReleasesIt() throws Exception {
        Fixture f = new Fixture(new ControlSettings(0, null, true, null));
        int[] steps = {0};
        Duration waited = f.gate.await(() -> {
            steps[0]++;
            assertThat(f.gate.waiting()).isTrue();
            assertThat(f.control.status().get("cutover").toString()).contains("state=postponed");
            if (steps[0] == 700) {
                f.control.cutover(Source.CLI);
            }
        });
        assertThat(steps[0]).as("changes applied at every step").isEqualTo(700);
        assertThat(waited).isEqualTo(Duration.ofSeconds(70));
        assertThat(CutoverGate.needsNewChecksum(waited)).as("70 s: the checksum is done again").isTrue();
        assertThat(CutoverGate.needsNewChecksum(Duration.ofSeconds(59))).isFalse();
        assertThat(f.gate.releasedBy()).isEqualTo("through the admin endpoint (osc command line)");
        assertThat(f.log).contains("cut-over released through the admin endpoint (osc command line)", "waited 70 s for the operator");
    }

    @Test
    void aReleaseBeforeTheWaitEndsItAtOnce() throws Exception {
        Fixture f = new Fixture(new ControlSettings(0, null, true, null));
        f.control.cutover(Source.ENDPOINT);
        assertThat(f.gate.await(() -> {
            throw new AssertionError("no step");
        })).isZero();
    }

    @Test
    void theFlagFileIsMadeAtStartAndItsRemovalReleasesTheSwap() throws Exception {
        Path flag = dir.resolve("hold-cutover");
        Fixture f = new Fixture(new ControlSettings(0, null, false, flag));
        f.gate.prepareFlagFile();
        assertThat(flag).exists();
        int[] steps = {0};
        f.gate.await(() -> {
            if (++steps[0] == 3) {
                Files.delete(flag);
            }
        });
        assertThat(steps[0]).isEqualTo(3);
        assertThat(f.gate.releasedBy()).isEqualTo("by the removal of " + flag);
    }

    @Test
    void withoutPostponingThereIsNoWaitAndACutoverCommandIsRefused() throws Exception {
        Fixture f = new Fixture();
        assertThat(f.gate.await(() -> {
            throw new AssertionError("no step");
        })).isZero();
        assertThatThrownBy(() -> f.control.cutover(Source.ENDPOINT)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("the swap is not postponed");
    }
}
