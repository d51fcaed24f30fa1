package dev.osc.engine.pg;

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
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Who holds a lock in the way, on a real server: by the mode asked for, never another table's holder, never osc's own. */
class PgBlockersTest {
    private static final TestDatabase DB = TestDatabase.postgres();
    private static final TableName TABLE = new TableName("public", "bk \"t\"");
    private static final TableName SHADOW = new TableName("public", "_bk \"t\"_osc_new");

    @Test
    void namesTheHoldersOfAConflictingLockAndEndsThem() throws Exception {
        DB.exec("DROP TABLE IF EXISTS \"bk \"\"t\"\"\", bk_other", "CREATE TABLE \"bk \"\"t\"\"\" (id int PRIMARY KEY, v int)",
                "INSERT INTO \"bk \"\"t\"\"\" VALUES (1, 1)", "CREATE TABLE bk_other (id int)");
        try (Connection reader = DB.connect(); Connection writer = DB.connect(); Connection other = DB.connect();
             Connection osc = DB.connectAs("osc checksum r1"); Connection finder = DB.connect()) {
            long writerPid = pid(writer);
            open(reader, "SELECT count(*) FROM \"bk \"\"t\"\"\"");
            open(writer, "UPDATE \"bk \"\"t\"\"\" SET v = 2 WHERE id = 1");
            open(other, "SELECT count(*) FROM bk_other");
            open(osc, "SELECT count(*) FROM \"bk \"\"t\"\"\"");

            List<BlockingSession> swap = new PgBlockers(finder, Map.of(SHADOW, "ACCESS EXCLUSIVE", TABLE, "ACCESS EXCLUSIVE")).find();
            assertThat(swap).extracting(BlockingSession::id).containsExactlyInAnyOrder(pid(reader), pid(writer));
            assertThat(swap).allSatisfy(b -> {
                assertThat(b.terminable()).isTrue();
                assertThat(b.state()).isEqualTo("idle in transaction");
                assertThat(b.transactionAge()).isNotNull();
            });
            assertThat(swap).filteredOn(b -> b.id() == writerPid).singleElement()
                    .satisfies(b -> assertThat(b.query()).isEqualTo("UPDATE \"bk \"\"t\"\"\" SET v = 2 WHERE id = 1"));

            PgBlockers checksum = new PgBlockers(finder, Map.of(TABLE, "EXCLUSIVE"));
            assertThat(checksum.find()).as("a reader does not keep EXCLUSIVE away").extracting(BlockingSession::id)
                    .containsExactly(pid(writer));

            checksum.terminate(checksum.find().get(0));
            assertThatThrownBy(() -> writer.createStatement().execute("SELECT 1")).isInstanceOf(SQLException.class);
            reader.rollback();
            other.rollback();
            osc.rollback();
        } finally {
            DB.exec("DROP TABLE IF EXISTS \"bk \"\"t\"\"\", bk_other");
        }
    }

    @Test
    void onlyAnAutovacuumWhoseWholeQueryIsKnownAndDoesNotPreventWraparoundYields() {
        assertThat(PgBlockers.yieldsToLocks("autovacuum worker", "autovacuum: VACUUM ANALYZE public.t", true)).isTrue();
        assertThat(PgBlockers.yieldsToLocks("autovacuum worker", "autovacuum: VACUUM public.t (to prevent wraparound)", true)).isFalse();
        assertThat(PgBlockers.yieldsToLocks("autovacuum worker", "autovacuum: VACUUM public.a_very_long_name", false))
                .as("cut at track_activity_query_size: its end might say wraparound").isFalse();
        assertThat(PgBlockers.yieldsToLocks("autovacuum worker", "", true)).as("track_activities off").isFalse();
        assertThat(PgBlockers.yieldsToLocks("client backend", "autovacuum: VACUUM public.t", true)).isFalse();
    }

    private static void open(Connection c, String sql) throws SQLException {
        c.setAutoCommit(false);
        try (Statement st = c.createStatement()) {
            st.execute(sql);
        }
    }

    private static long pid(Connection c) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT pg_backend_pid()")) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
