package dev.osc.engine.mysql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.osc.cutover.BlockingSession;
import dev.osc.engine.model.TableName;
import dev.osc.engine.scenario.TestDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Who holds the table's metadata lock, on a real server (metadata_lock_info loaded): never another table's holder, never osc's own. */
class MyBlockersTest {
    private static final TestDatabase DB = TestDatabase.mariadb();

    @Test
    void namesTheHolderOfTheTablesMetadataLockAndEndsIt() throws Exception {
        DB.exec("DROP TABLE IF EXISTS `bk ``t`, bk_other", "CREATE TABLE `bk ``t` (id INT PRIMARY KEY) ENGINE=InnoDB",
                "CREATE TABLE bk_other (id INT PRIMARY KEY) ENGINE=InnoDB");
        try (Connection reader = DB.connect(); Connection other = DB.connect(); Connection osc = DB.connectAs("osc checksum r1");
             Connection finder = DB.connect()) {
            open(reader, "SELECT COUNT(*) FROM `bk ``t`");
            open(other, "SELECT COUNT(*) FROM bk_other");
            open(osc, "SELECT COUNT(*) FROM `bk ``t`");
            String schema = DB.strings("SELECT DATABASE()").get(0);
            MyBlockers blockers = new MyBlockers(finder, new TableName(schema, "bk `t"), new TableName(schema, "bk `t_osc_new"));

            List<BlockingSession> found = blockers.find();
            assertThat(found).extracting(BlockingSession::id).containsExactly(id(reader));
            assertThat(found.get(0).terminable()).isTrue();
            assertThat(found.get(0).transactionAge()).isNotNull();
            assertThat(found.get(0).state()).startsWith("Sleep");

            blockers.terminate(found.get(0));
            assertThatThrownBy(() -> reader.createStatement().execute("SELECT 1")).isInstanceOf(SQLException.class);
            assertThat(blockers.find()).isEmpty();
            other.rollback();
            osc.rollback();
        } finally {
            DB.exec("DROP TABLE IF EXISTS `bk ``t`, bk_other");
        }
    }

    private static void open(Connection c, String sql) throws SQLException {
        c.setAutoCommit(false);
        try (Statement st = c.createStatement()) {
            st.execute(sql);
        }
    }

    private static long id(Connection c) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT CONNECTION_ID()")) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
