package dev.osc.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.osc.engine.cli.OscMain;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * {@code osc demo} lives in the bench module (the launcher runs {@code ./osc demo} here): it alters
 * its table under writers and proves it equal to the oracle, refuses bad input as osc does, and
 * the product's command line no longer offers it.
 */
class DemoCommandIT {

    @Test
    void demoOnPostgresEndsEqualToTheOracle() {
        Captured run = Captured.run("demo", "--rows", "3000", "--writers", "2", "--rate", "100");
        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out()).contains("accounts.balance:   now bigint").contains("equal to oracle:    yes (");
        assertThat(run.err()).contains("osc demo: starting an embedded PostgreSQL");
    }

    @Test
    void demoOnMariaEndsEqualToTheOracle() {
        BenchDatabases.requireMaria();
        Captured run = Captured.run("demo", "--rows", "3000", "--writers", "2", "--rate", "100", "--db", "mariadb");
        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out()).contains("accounts.balance:   now bigint").contains("equal to oracle:    yes (");
    }

    @Test
    void badInputIsOneLineAndExitTwo() {
        Captured rows = Captured.run("demo", "--rows", "0");
        assertThat(rows.exit()).isEqualTo(2);
        assertThat(rows.err()).isEqualTo("osc: error: --rows must be between 1 and 100,000,000\n");
        Captured db = Captured.run("demo", "--db", "oracle");
        assertThat(db.exit()).isEqualTo(2);
        assertThat(db.err()).isEqualTo("osc: error: --db must be postgresql or mariadb, got: oracle\n");
        Captured option = Captured.run("demo", "--bogus");
        assertThat(option.exit()).isEqualTo(2);
        assertThat(option.err()).startsWith("osc: Unknown option: '--bogus'").contains("see 'osc demo --help'");
    }

    @Test
    void theProductCommandLineHasNoDemo() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = OscMain.run(new String[] {"--help"}, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(exit).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("plan").contains("alter").doesNotContain("demo");
        assertThat(OscMain.run(new String[] {"demo"}, new PrintStream(out), new PrintStream(err))).isEqualTo(2);
    }
}
