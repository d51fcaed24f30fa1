package dev.osc.engine.mysql;

import static org.assertj.core.api.Assertions.assertThat;

import dev.osc.engine.check.CheckContext;
import dev.osc.engine.check.ClauseFacts;
import dev.osc.engine.check.Tables;
import dev.osc.engine.scenario.TestDatabase;
import java.sql.Connection;
import java.util.List;
import org.junit.jupiter.api.Test;

class MyBinlogCheckTest {
    @Test
    void refusesEachSettingTheStreamCannotReadOnItsOwnLine() {
        assertThat(MyBinlogCheck.verdict("0", "MIXED", "MINIMAL")).containsExactly(
                "the binary log is off; the shadow path needs log_bin (a restart)",
                "binlog_format is MIXED; the shadow path needs ROW",
                "binlog_row_image is MINIMAL; the shadow path needs FULL");
        assertThat(MyBinlogCheck.verdict("ON", "row", "full")).isEmpty();
        assertThat(MyBinlogCheck.verdict("1", "ROW", "FULL")).isEmpty();
    }

    @Test
    void theTestServerPasses() throws Exception {
        try (Connection c = TestDatabase.mariadb().connect()) {
            CheckContext context = CheckContext.beforeProbe(c, Tables.keyed("id"), new ClauseFacts("", false), List.of());
            assertThat(new MyBinlogCheck().refusals(context)).isEmpty();
        }
    }
}
