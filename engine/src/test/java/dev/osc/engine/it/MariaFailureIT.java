package dev.osc.engine.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** Bad input, refusals and run-time failures on MariaDB: exit status, one line, source as it was, nothing left. */
class MariaFailureIT {

    private static void createTable(String name, int rows) throws Exception {
        TestMaria.exec("DROP TABLE IF EXISTS " + name, "DROP TABLE IF EXISTS _" + name + "_osc_old",
                "CREATE TABLE " + name + " (id BIGINT PRIMARY KEY, v INT, note VARCHAR(100)) ENGINE=InnoDB",
                "INSERT INTO " + name + " SELECT seq, seq, CONCAT('n', seq) FROM seq_1_to_" + rows);
    }

    private static String fingerprint(String name) throws Exception {
        return String.join(",", TestMaria.strings("SELECT CONCAT(COLUMN_NAME, ' ', COLUMN_TYPE) FROM information_schema.COLUMNS "
                + "WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = '" + name + "' ORDER BY ORDINAL_POSITION"))
                + "|" + TestMaria.number("SELECT COUNT(*) FROM " + name)
                + "|" + TestMaria.strings("SELECT MD5(GROUP_CONCAT(id, ':', v, ':', note ORDER BY id SEPARATOR ',')) FROM " + name).get(0)
                + "|" + TestMaria.strings("SELECT CREATE_TIME FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE() "
                + "AND TABLE_NAME = '" + name + "'").get(0);
    }

    private static void assertCleanFailure(Osc result, int exit, String before, String table) throws Exception {
        assertThat(result.exit()).as(result.toString()).isEqualTo(exit);
        assertThat(result.err()).doesNotContain("\tat ");
        assertThat(result.field("error")).isNotBlank();
        assertThat(fingerprint(table)).isEqualTo(before);
        assertThat(TestMaria.leftovers()).isEmpty();
    }

    @Test
    void badInputIsRefusedAndChangesNothing() throws Exception {
        TestMaria.exec("SET SESSION group_concat_max_len = 1000000");
        createTable("it_m_bad", 100);
        String before = fingerprint("it_m_bad");
        assertCleanFailure(Osc.alterOn(TestMaria.url(), "it_m_bad", "ADD COLUMN", "--strategy", "shadow"), 2, before, "it_m_bad");
        assertCleanFailure(Osc.alterOn(TestMaria.url(), "it_m_bad", "MODIFY nope BIGINT"), 2, before, "it_m_bad");
        Osc two = Osc.alterOn(TestMaria.url(), "it_m_bad", "ADD COLUMN a INT; DROP TABLE it_m_bad");
        assertCleanFailure(two, 2, before, "it_m_bad");
        assertThat(two.err()).contains("single ALTER clause");
        Osc algorithm = Osc.alterOn(TestMaria.url(), "it_m_bad", "ADD COLUMN a INT, ALGORITHM=COPY");
        assertCleanFailure(algorithm, 2, before, "it_m_bad");
        Osc missing = Osc.alterOn(TestMaria.url(), "it_m_missing", "ADD COLUMN a INT");
        assertThat(missing.exit()).isEqualTo(2);
        assertThat(missing.err()).contains("does not exist");
    }

    @Test
    void tablesWithoutKeyWithForeignKeysOrTriggersAreRefused() throws Exception {
        TestMaria.exec("DROP TABLE IF EXISTS it_m_child", "DROP TABLE IF EXISTS it_m_nokey", "CREATE TABLE it_m_nokey (v INT)",
                "INSERT INTO it_m_nokey VALUES (1), (2)");
        Osc noKey = Osc.alterOn(TestMaria.url(), "it_m_nokey", "MODIFY v BIGINT", "--strategy", "shadow");
        assertThat(noKey.exit()).as(noKey.toString()).isEqualTo(3);
        assertThat(noKey.err()).contains("no primary key");

        createTable("it_m_parent", 10);
        TestMaria.exec("CREATE TABLE it_m_child (id INT PRIMARY KEY, parent BIGINT, FOREIGN KEY (parent) REFERENCES it_m_parent (id)) ENGINE=InnoDB");
        String before = fingerprint("it_m_parent");
        Osc fk = Osc.alterOn(TestMaria.url(), "it_m_parent", "MODIFY v BIGINT", "--strategy", "shadow");
        assertCleanFailure(fk, 3, before, "it_m_parent");
        assertThat(fk.err()).contains("foreign keys point at the table");
        TestMaria.exec("DROP TABLE it_m_child", "CREATE TRIGGER it_m_parent_t BEFORE UPDATE ON it_m_parent FOR EACH ROW SET NEW.v = NEW.v");
        Osc trigger = Osc.alterOn(TestMaria.url(), "it_m_parent", "MODIFY v BIGINT", "--strategy", "shadow");
        assertCleanFailure(trigger, 3, before, "it_m_parent");
        assertThat(trigger.err()).contains("triggers");
        TestMaria.exec("DROP TRIGGER it_m_parent_t");
    }

    @Test
    void aSecondRunOnTheSameTableIsRefused() throws Exception {
        createTable("it_m_busy", 30_000);
        CompletableFuture<Osc> first = CompletableFuture.supplyAsync(() -> Osc.alterOn(TestMaria.url(), "it_m_busy",
                "MODIFY v BIGINT", "--strategy", "shadow", "--max-rows-per-second", "5000"));
        await().atMost(Duration.ofSeconds(60)).until(() -> first.isDone() || !TestMaria.strings(
                "SELECT TABLE_NAME FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = '_it_m_busy_osc_state'").isEmpty());
        Osc second = Osc.alterOn(TestMaria.url(), "it_m_busy", "ADD COLUMN other INT", "--strategy", "shadow");
        assertThat(second.exit()).as(second.toString()).isEqualTo(3);
        assertThat(second.err()).contains("another osc run");
        assertThat(first.get().exit()).as(first.get().toString()).isZero();
        TestMaria.exec("DROP TABLE _it_m_busy_osc_old");
        assertThat(TestMaria.leftovers()).isEmpty();
    }

    @Test
    void killingTheCopyConnectionMidCopyFailsCleanly() throws Exception {
        TestMaria.exec("SET SESSION group_concat_max_len = 10000000");
        createTable("it_m_killed", 40_000);
        String before = fingerprint("it_m_killed");
        CompletableFuture<Osc> run = CompletableFuture.supplyAsync(() -> Osc.alterOn(TestMaria.url(), "it_m_killed",
                "MODIFY v BIGINT", "--strategy", "shadow", "--max-rows-per-second", "4000", "--chunk-target-ms", "50"));
        await().atMost(Duration.ofSeconds(60)).ignoreExceptions().until(() -> run.isDone()
                || TestMaria.number("SELECT rows_copied FROM _it_m_killed_osc_state") > 0);
        List<String> killed = TestMaria.strings("SELECT ID FROM information_schema.PROCESSLIST WHERE ID IN "
                + "(SELECT PROCESSLIST_ID FROM performance_schema.session_connect_attrs WHERE ATTR_NAME = 'program_name' "
                + "AND ATTR_VALUE LIKE 'osc copy %')");
        if (killed.isEmpty()) {
            // performance_schema is off: find the copier by the statement it keeps running
            killed = TestMaria.strings("SELECT ID FROM information_schema.PROCESSLIST WHERE INFO LIKE 'INSERT INTO `osc`.`it_m_killed_osc_new`%' "
                    + "OR INFO LIKE 'SELECT `id` FROM%it_m_killed%'");
        }
        for (String id : killed) {
            TestMaria.exec("KILL " + id);
        }
        Osc result = run.get();
        assertCleanFailure(result, 1, before, "it_m_killed");
    }

    @Test
    void aLockWaitTimeoutAtTheSwapFailsCleanly() throws Exception {
        TestMaria.exec("SET SESSION group_concat_max_len = 1000000");
        createTable("it_m_locked", 2_000);
        String before = fingerprint("it_m_locked");
        try (Connection holder = TestMaria.connect(); Statement st = holder.createStatement()) {
            holder.setAutoCommit(false);
            // an open transaction that read the table holds its metadata lock: LOCK TABLES ... WRITE waits and times out
            st.execute("SELECT COUNT(*) FROM it_m_locked");
            Osc result = Osc.alterOn(TestMaria.url(), "it_m_locked", "MODIFY v BIGINT", "--strategy", "shadow",
                    "--lock-timeout-ms", "1000");
            holder.rollback();
            assertCleanFailure(result, 1, before, "it_m_locked");
            assertThat(result.err()).contains("cut-over gave up").contains("not granted");
        }
    }
}
