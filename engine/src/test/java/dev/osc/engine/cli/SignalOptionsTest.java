package dev.osc.engine.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.osc.engine.it.Osc;
import org.junit.jupiter.api.Test;

/** The replica lag and retained WAL options: documented, repeatable where they should be, validated before anything connects. */
class SignalOptionsTest {
    private static final String SECRET = "r3pl1ca-Pa55";

    @Test
    void helpNamesTheOptionsAndWhatTheyRead() {
        Osc help = Osc.run("alter", "--help");

        assertThat((help.out() + help.err()).replaceAll("\\s+", " ")).contains("--max-lag-ms=N", "pg_stat_replication's replay_lag",
                "Seconds_Behind_Master", "--replica=JDBC_URL", "(repeatable), with the user and password of --url; never shown",
                "now() - pg_last_xact_replay_timestamp()", "--max-retained-wal-mb=MiB");
    }

    @Test
    void replicaLagOnMariaDbNeedsTheReplicasNamed() {
        Osc run = Osc.run("alter", "--url", "jdbc:mariadb://127.0.0.1:1/db", "--table", "t", "--alter", "ADD COLUMN a int",
                "--max-lag-ms", "1000");

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).contains("--max-lag-ms on MariaDB/MySQL needs the replicas named with --replica URL");
    }

    @Test
    void replicasAreRepeatableNeedALagLimitAndAreNeverShown() {
        Osc run = Osc.run("alter", "--url", "jdbc:postgresql://127.0.0.1:1/db", "--table", "t", "--alter", "ADD COLUMN a int",
                "--replica", "jdbc:postgresql://s1/db?password=" + SECRET, "--replica", "jdbc:postgresql://s2/db?password=" + SECRET);

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).contains("--replica needs --max-lag-ms");
        assertThat(run.err() + run.out()).doesNotContain(SECRET);
    }

    @Test
    void retainedWalIsForPostgreSql() {
        Osc run = Osc.run("alter", "--url", "jdbc:mariadb://127.0.0.1:1/db", "--table", "t", "--alter", "ADD COLUMN a int",
                "--max-retained-wal-mb", "512");

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).contains("--max-retained-wal-mb is for PostgreSQL");
    }
}
