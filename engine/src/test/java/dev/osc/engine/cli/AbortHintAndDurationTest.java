package dev.osc.engine.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.TypeConversionException;

/** Durations in days for --drop-old-tables-older-than; the two new commands are on the command line. */
class AbortHintAndDurationTest {

    @Test
    void durationsTakeDays() {
        DurationConverter d = new DurationConverter();
        assertThat(d.convert("7d")).isEqualTo(Duration.ofDays(7));
        assertThat(d.convert("2h")).isEqualTo(Duration.ofHours(2));
        assertThat(d.convert("500ms")).isEqualTo(Duration.ofMillis(500));
        assertThatThrownBy(() -> d.convert("7w")).isInstanceOf(TypeConversionException.class).hasMessageContaining("7d");
    }

    @Test
    void cleanupAndAbortAreCommands() {
        assertThat(dev.osc.engine.it.Osc.run("cleanup", "--help").exit()).isZero();
        assertThat(dev.osc.engine.it.Osc.run("abort", "--help").out()).contains("--table", "--url", "--password-env", "--json");
        dev.osc.engine.it.Osc missing = dev.osc.engine.it.Osc.run("abort", "--url", "jdbc:postgresql://127.0.0.1:1/db");
        assertThat(missing.exit()).isEqualTo(2);
        assertThat(missing.err()).contains("--table");
        dev.osc.engine.it.Osc unreachable = dev.osc.engine.it.Osc.run("cleanup", "--url", "jdbc:postgresql://127.0.0.1:1/db?password=s3cr3t");
        assertThat(unreachable.exit()).isEqualTo(2);
        assertThat(unreachable.err()).contains("cannot connect").doesNotContain("s3cr3t").doesNotContain("\tat ");
    }
}
