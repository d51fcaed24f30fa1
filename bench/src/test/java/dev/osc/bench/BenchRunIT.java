package dev.osc.bench;

import static dev.osc.bench.BenchDatabases.number;
import static dev.osc.bench.BenchDatabases.text;
import static dev.osc.bench.BenchDatabases.tableExists;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.osc.engine.testkit.EmbeddedMaria;
import dev.osc.engine.testkit.EmbeddedPg;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code bench run} migrates a fixture under the workload and writes a report whose three files are there and parse. */
class BenchRunIT {
    private static final PrintStream QUIET = new PrintStream(new ByteArrayOutputStream());

    @TempDir
    Path dir;

    @Test
    void runOnPostgresWritesTheReport() throws Exception {
        try (EmbeddedPg pg = EmbeddedPg.start()) {
            String url = pg.url();
            JsonNode json = runAndCheck(url, "ALTER COLUMN k TYPE bigint");
            assertThat(json.get("server").get("synchronous_commit").asText()).isEqualTo(text(url, "SHOW synchronous_commit"));
            assertThat(number(url, "SELECT count(*) FROM information_schema.columns WHERE table_name = 'sb' AND column_name = 'k' "
                    + "AND data_type = 'bigint'")).isEqualTo(1);
        }
    }

    @Test
    void runOnMariaWritesTheReport() throws Exception {
        BenchDatabases.requireMaria();
        try (EmbeddedMaria maria = EmbeddedMaria.start()) {
            String url = maria.url();
            JsonNode json = runAndCheck(url, "MODIFY COLUMN k BIGINT NOT NULL");
            assertThat(json.get("server").get("sync_binlog").asLong()).isEqualTo(number(url, "SELECT @@sync_binlog"));
            assertThat(number(url, "SELECT count(*) FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = DATABASE() "
                    + "AND TABLE_NAME = 'sb' AND COLUMN_NAME = 'k' AND DATA_TYPE = 'bigint'")).isEqualTo(1);
        }
    }

    private JsonNode runAndCheck(String url, String alter) throws Exception {
        new FixtureGenerator(url, "sb", FixtureShape.SYSBENCH, 20_000, false, 10_000, QUIET).run();
        Path out = dir.resolve("report");
        int exit = BenchMain.run(new String[] {"run", "--url", url, "--table", "sb", "--alter", alter, "--rate", "150", "--threads", "3",
                "--baseline", "2s", "--cooldown", "1s", "--oracle", "--out", out.toString()});
        assertThat(exit).isZero();

        JsonNode json = new ObjectMapper().readTree(out.resolve(BenchRunReport.JSON).toFile());
        JsonNode osc = json.get("osc");
        assertThat(osc.get("status").asText()).isEqualTo("done");
        assertThat(osc.get("rowsCopied").asLong()).isGreaterThanOrEqualTo(19_000);
        assertThat(osc.get("copyRowsPerSecond").asLong()).isPositive();
        assertThat(osc.get("copyRatioToInsertSelect").asDouble()).isPositive();
        assertThat(osc.get("cutoverBlockingMs").asLong()).isPositive();
        assertThat(osc.get("heapPeakMiB").asDouble()).isPositive();
        assertThat(osc.has("streamLagMaxMs")).isTrue();
        assertThat(osc.has("throttledSeconds")).isTrue();
        assertThat(json.get("serverInsertSelect").get("rowsPerSecond").asLong()).isPositive();
        assertThat(json.get("plainAlter").get("seconds").asDouble()).isPositive();
        assertThat(json.get("plainAlter").get("writesDuringAlter").get("count").asLong()).isPositive();
        assertThat(json.get("oracle").get("differences").asLong()).isZero();
        assertThat(json.get("workload").get("errors").asLong()).isZero();
        assertThat(json.get("writes").get("before").get("count").asLong()).isPositive();
        assertThat(json.get("writes").get("duringCopy").get("count").asLong()).isPositive();
        assertThat(json.get("writes").get("atSwap").get("count").asLong()).isPositive();

        List<String> phases = new ArrayList<>();
        double last = -1;
        for (JsonNode p : json.get("phases")) {
            phases.add(p.get("name").asText());
            assertThat(p.get("atSeconds").asDouble()).isGreaterThanOrEqualTo(last);
            last = p.get("atSeconds").asDouble();
        }
        assertThat(phases).containsSubsequence("baseline", "copy", "checksum", "cutover", "after");
        assertThat(json.get("seconds").size()).isGreaterThanOrEqualTo(3);

        String md = Files.readString(out.resolve(BenchRunReport.MARKDOWN));
        assertThat(md).contains("Server: " + json.get("server").fieldNames().next() + "=");
        assertThat(md).contains(" copy rows/s |").contains(" at the swap |").contains("(" + BenchRunReport.CHART + ")").containsPattern("\\|\\s+cutover \\|");
        BufferedImage png = ImageIO.read(out.resolve(BenchRunReport.CHART).toFile());
        assertThat(png).isNotNull();
        assertThat(png.getWidth()).isGreaterThan(600);

        // nothing the bench made is left behind
        assertThat(tableExists(url, "sb_oracle")).isFalse();
        assertThat(tableExists(url, ServerReferences.copyName("sb"))).isFalse();
        return json;
    }

    /** {@code --copy-workers 1,2}: osc runs once per count, each on a freshly generated table, and the report gives each count's copy rate. */
    @Test
    void copyWorkerCountsEachGetARunAndACopyRate() throws Exception {
        try (EmbeddedPg pg = EmbeddedPg.start()) {
            String url = pg.url();
            new FixtureGenerator(url, "sb", FixtureShape.SYSBENCH, 20_000, false, 10_000, QUIET).run();
            Path out = dir.resolve("workers");
            int exit = BenchMain.run(new String[] {"run", "--url", url, "--table", "sb", "--alter", "ALTER COLUMN k TYPE bigint",
                    "--rate", "100", "--threads", "2", "--baseline", "1s", "--cooldown", "0s", "--skip-references",
                    "--copy-workers", "1,2", "--out", out.toString()});
            assertThat(exit).isZero();
            JsonNode rates = new ObjectMapper().readTree(out.resolve(BenchRunReport.JSON).toFile()).get("copyWorkers");
            assertThat(rates.size()).isEqualTo(2);
            for (int i = 0; i < 2; i++) {
                JsonNode r = rates.get(i);
                assertThat(r.get("copyWorkers").asInt()).isEqualTo(i + 1);
                assertThat(r.get("status").asText()).isEqualTo("done");
                assertThat(r.get("rowsCopied").asLong()).as("each count copies the whole re-created table").isGreaterThanOrEqualTo(19_000);
                assertThat(r.get("copyRowsPerSecond").asLong()).isPositive();
            }
            assertThat(Files.readString(out.resolve(BenchRunReport.MARKDOWN))).contains("## Copy rate against copy workers");
            assertThat(BenchMain.run(new String[] {"run", "--url", url, "--table", "sb", "--alter", "ALTER COLUMN k TYPE bigint",
                    "--copy-workers", "1,0", "--out", dir.resolve("refused").toString()})).as("a count out of range").isEqualTo(2);
            assertThat(Files.exists(dir.resolve("refused"))).isFalse();
        }
    }

    @Test
    void aBadAlterIsRefusedBeforeAnythingRuns() throws Exception {
        try (EmbeddedPg pg = EmbeddedPg.start()) {
            String url = pg.url();
            new FixtureGenerator(url, "sb", FixtureShape.SYSBENCH, 1_000, false, 1_000, QUIET).run();
            Path out = dir.resolve("refused");
            int exit = BenchMain.run(new String[] {"run", "--url", url, "--table", "sb", "--alter", "ALTER COLUMN nope TYPE bigint",
                    "--baseline", "1s", "--out", out.toString()});
            assertThat(exit).isIn(2, 3);
            assertThat(tableExists(url, ServerReferences.copyName("sb"))).isFalse();
            assertThat(Files.exists(out)).isFalse();
            assertThat(BenchMain.run(new String[] {"run", "--url", url, "--table", "sb", "--alter", "ADD COLUMN x int",
                    "--baseline", "forever", "--out", out.toString()})).isEqualTo(2);
        }
    }
}
