package dev.osc.bench;

import static dev.osc.bench.BenchDatabases.execute;
import static dev.osc.bench.BenchDatabases.number;
import static dev.osc.bench.BenchDatabases.tableExists;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.osc.engine.testkit.EmbeddedMaria;
import dev.osc.engine.testkit.EmbeddedPg;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The workload runs every operation on every fixture shape and its oracle equals the table afterwards. */
class WorkloadIT {
    private static final PrintStream QUIET = new PrintStream(new ByteArrayOutputStream());

    @TempDir
    Path dir;

    @Test
    void oracleEqualsTheTableAfterAWorkloadOnPostgres() throws Exception {
        try (EmbeddedPg pg = EmbeddedPg.start()) {
            everyShape(pg.url());
        }
    }

    @Test
    void oracleEqualsTheTableAfterAWorkloadOnMaria() throws Exception {
        BenchDatabases.requireMaria();
        try (EmbeddedMaria maria = EmbeddedMaria.start()) {
            everyShape(maria.url());
            oracleSeesChanges(maria.url());
        }
    }

    private void everyShape(String url) throws Exception {
        for (FixtureShape shape : FixtureShape.values()) {
            String table = "wl_" + shape.name().toLowerCase();
            new FixtureGenerator(url, table, shape, 3_000, false, 1_000, QUIET).run();
            Path report = dir.resolve(table + ".json");
            int exit = BenchMain.run(new String[] {"workload", "--url", url, "--table", table, "--rate", "400", "--threads", "3",
                    "--duration", "2s", "--oracle", "--report", report.toString()});
            assertThat(exit).as(shape.name()).isZero();
            JsonNode json = new ObjectMapper().readTree(report.toFile());
            assertThat(json.get("oracleDifferences").asLong()).as(shape.name()).isZero();
            assertThat(json.get("errors").asLong()).as(shape.name()).isZero();
            for (String op : new String[] {"insert", "update", "delete", "read"}) {
                assertThat(json.get("byOperation").get(op).asLong()).as(shape + " " + op).isPositive();
            }
            assertThat(json.get("writes").get("count").asLong()).isPositive();
            assertThat(json.get("writes").get("p99Ms").asDouble()).isPositive();
            // the workload changed the table (inserted rows beyond the fixture) and left no oracle behind
            String rowNumber = shape == FixtureShape.UUID_KEY ? "n" : "id";
            assertThat(number(url, "SELECT COUNT(*) FROM " + table + " WHERE " + rowNumber + " > 3000")).isPositive();
            assertThat(tableExists(url, table + "_oracle")).isFalse();
            // a second run starts its inserts after the first one's, so it never collides with them
            assertThat(BenchMain.run(new String[] {"workload", "--url", url, "--table", table, "--rate", "200", "--duration", "1s",
                    "--mix", "1:0:0:0", "--report", report.toString()})).isZero();
            assertThat(new ObjectMapper().readTree(report.toFile()).get("errors").asLong()).isZero();
        }
    }

    @Test
    void theOracleComparisonSeesAChangedRow() throws Exception {
        try (EmbeddedPg pg = EmbeddedPg.start()) {
            oracleSeesChanges(pg.url());
        }
    }

    private static void oracleSeesChanges(String url) throws Exception {
        new FixtureGenerator(url, "sb", FixtureShape.SYSBENCH, 500, false, 500, QUIET).run();
        try (Connection c = DriverManager.getConnection(url)) {
            FixtureTable table = FixtureTable.find(c, "sb");
            OracleTable oracle = OracleTable.create(c, table);
            assertThat(oracle.differences(c)).isZero();
            execute(url, "UPDATE sb SET k = k + 1 WHERE id = 7");
            execute(url, "DELETE FROM sb WHERE id = 8");
            execute(url, "UPDATE " + oracle.name() + " SET pad = 'changed' WHERE id = 9");
            assertThat(oracle.differences(c)).isEqualTo(5);
            oracle.drop(c);
        }
    }

    @Test
    void badInputAndTablesThatAreNoFixtureAreRefused() throws Exception {
        try (EmbeddedPg pg = EmbeddedPg.start()) {
            String url = pg.url();
            execute(url, "CREATE TABLE plain (id bigint PRIMARY KEY)");
            assertThat(BenchMain.run(new String[] {"workload", "--url", url, "--table", "plain", "--duration", "1s", "--oracle"}))
                    .isEqualTo(3);
            assertThat(tableExists(url, "plain_oracle")).isFalse();
            assertThat(BenchMain.run(new String[] {"workload", "--url", url, "--table", "plain", "--rate", "-1"})).isEqualTo(2);
            assertThat(BenchMain.run(new String[] {"workload", "--url", url, "--table", "plain", "--duration", "soon"})).isEqualTo(2);
            assertThat(BenchMain.run(new String[] {"workload", "--url", url, "--table", "plain", "--mix", "1:2"})).isEqualTo(2);
            assertThat(BenchMain.run(new String[] {"workload", "--url", "jdbc:sqlite:x", "--table", "plain"})).isEqualTo(2);
            // a server nobody listens on: one line, exit 2, as for osc itself, and the password is never shown
            Captured refused = Captured.run("workload", "--url", "jdbc:postgresql://127.0.0.1:1/none?user=x&password=s3cret",
                    "--table", "plain");
            assertThat(refused.exit()).isEqualTo(2);
            assertThat(refused.err()).startsWith("osc bench workload: ").doesNotContain("s3cret").hasLineCount(1);
        }
    }
}
