package dev.osc.engine.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.osc.engine.it.Osc;
import org.junit.jupiter.api.Test;

/** The cut-over's pressure options are documented with their defaults and validated before anything connects. */
class CutoverOptionsTest {

    @Test
    void helpNamesBothOptionsAndTheirDefaults() {
        Osc help = Osc.run("alter", "--help");

        assertThat((help.out() + help.err()).replaceAll("\\s+", " ")).contains("--cutover-timeout=DURATION", "(default 5m)",
                "--kill-blockers-after=DURATION", "(default: never; must be shorter than --cutover-timeout)");
    }

    @Test
    void aKillPointNotBeforeTheTimeoutIsBadInput() {
        Osc run = Osc.run("alter", "--url", "jdbc:postgresql://127.0.0.1:1/db", "--table", "t", "--alter", "ADD COLUMN a int",
                "--cutover-timeout", "30s", "--kill-blockers-after", "1m");

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).contains("--kill-blockers-after must be shorter than --cutover-timeout (30000 ms)");
    }

    @Test
    void aMalformedDurationIsBadUsage() {
        Osc run = Osc.run("alter", "--url", "jdbc:postgresql://127.0.0.1:1/db", "--table", "t", "--alter", "ADD COLUMN a int",
                "--cutover-timeout", "soon");

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).contains("'soon' is not a duration");
    }
}
