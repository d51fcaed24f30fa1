package dev.osc.engine.mysql;

import static org.assertj.core.api.Assertions.assertThat;

import dev.osc.engine.check.CheckContext;
import dev.osc.engine.check.ClauseFacts;
import dev.osc.engine.check.Tables;
import dev.osc.engine.scenario.TestDatabase;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.List;
import org.junit.jupiter.api.Test;

class MyReplicationGrantsCheckTest {
    private static final String REFUSAL =
            "the user needs REPLICATION SLAVE and REPLICATION CLIENT (BINLOG MONITOR on MariaDB) for the shadow path";

    private static List<String> refusals(Connection c) throws Exception {
        return new MyReplicationGrantsCheck().refusals(
                CheckContext.beforeProbe(c, Tables.keyed("id"), new ClauseFacts("", false), List.of()));
    }

    @Test
    void readsTheGrants() {
        assertThat(MyReplicationGrantsCheck.verdict(List.of("GRANT ALL PRIVILEGES ON *.* TO `root`@`localhost`"))).isEmpty();
        assertThat(MyReplicationGrantsCheck.verdict(List.of("GRANT USAGE ON *.* TO `u`@`%`",
                "GRANT REPLICATION SLAVE, BINLOG MONITOR ON *.* TO `u`@`%`"))).isEmpty();
        assertThat(MyReplicationGrantsCheck.verdict(List.of("GRANT ALL PRIVILEGES ON `osc`.* TO `u`@`%`"))).containsExactly(REFUSAL);
    }

    @Test
    void aUserWithoutReplicationIsRefusedAndRootPasses() throws Exception {
        try (Connection root = TestDatabase.mariadb().connect()) {
            assertThat(refusals(root)).isEmpty();
        }
        TestDatabase.mariadb().exec("DROP USER IF EXISTS 'osc_check_norepl'@'127.0.0.1'", "DROP USER IF EXISTS 'osc_check_norepl'@'localhost'",
                "CREATE USER 'osc_check_norepl'@'127.0.0.1' IDENTIFIED BY 'pw'",
                "CREATE USER 'osc_check_norepl'@'localhost' IDENTIFIED BY 'pw'",
                "GRANT ALL PRIVILEGES ON osc.* TO 'osc_check_norepl'@'127.0.0.1'",
                "GRANT ALL PRIVILEGES ON osc.* TO 'osc_check_norepl'@'localhost'");
        try (Connection limited = DriverManager.getConnection(TestDatabase.mariadb().url()
                .replaceAll("[?&]password=[^&]*", "").replaceAll("user=[^&]*", "user=osc_check_norepl&password=pw"))) {
            assertThat(refusals(limited)).containsExactly(REFUSAL);
        } finally {
            TestDatabase.mariadb().exec("DROP USER 'osc_check_norepl'@'127.0.0.1'", "DROP USER 'osc_check_norepl'@'localhost'");
        }
    }
}
