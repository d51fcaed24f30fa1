package dev.osc.bench;

import static dev.osc.bench.BenchDatabases.number;
import static org.assertj.core.api.Assertions.assertThat;

import dev.osc.engine.testkit.EmbeddedMaria;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * {@code osc bench server}: the private MariaDB commits its binlog durably ({@code sync_binlog=1})
 * unless told otherwise, and a setting out of range is refused in one line before anything starts.
 */
class ServerCommandIT {
    @Test
    void theMariaDbServerGetsTheSyncBinlogAskedFor() throws Exception {
        BenchDatabases.requireMaria();
        for (String asked : new String[] {null, "0"}) {
            ServerCommand command = new ServerCommand();
            new CommandLine(command).parseArgs(asked == null ? new String[] {"--db", "mariadb"}
                    : new String[] {"--db", "mariadb", "--sync-binlog", asked});
            try (EmbeddedMaria maria = EmbeddedMaria.start(EmbeddedMaria.DEFAULT_BUFFER_POOL_MB, command.mariaOptions())) {
                assertThat(number(maria.url(), "SELECT @@sync_binlog")).isEqualTo(asked == null ? 1 : 0);
            }
        }
    }

    @Test
    void aSyncBinlogOutOfRangeIsRefused() {
        Captured run = Captured.run("server", "--db", "mariadb", "--sync-binlog", "2");
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err().strip()).doesNotContain("\n").contains("--sync-binlog 0 or 1");
    }
}
