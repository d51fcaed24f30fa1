package dev.osc.bench;

import static dev.osc.bench.BenchDatabases.number;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.osc.engine.testkit.EmbeddedMaria;
import dev.osc.engine.testkit.EmbeddedPg;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bench run --peers}: each peer installed here runs on the same fixture under the same
 * workload and lands in the report beside osc; one that is not installed is skipped, which must
 * not fail the run (CI does not install the peers).
 */
class PeersIT {
    private static final PrintStream QUIET = new PrintStream(new ByteArrayOutputStream());
    private static final Path DEBIAN_PG = Path.of("/usr/lib/postgresql/15/bin");
    private static final int ROWS = 20_000;

    @TempDir
    Path dir;

    @Test
    void pgRepackRebuildsBesideOscsRewrite() throws Exception {
        Assumptions.assumeTrue(onPath("pg_repack") && LocalPg.installed(DEBIAN_PG)
                        && Files.exists(Path.of("/usr/share/postgresql/15/extension/pg_repack.control")),
                "pg_repack not installed (postgresql-15-repack): skipped");
        try (LocalPg pg = LocalPg.start(DEBIAN_PG)) {
            JsonNode peers = run(pg.url(), "ALTER COLUMN k TYPE bigint", "pg_repack,pt-osc");
            Map<String, JsonNode> tools = byTool(peers);
            assertThat(tools.get("osc").get("status").asText()).isEqualTo("done");
            JsonNode repack = tools.get("pg_repack");
            assertThat(repack.get("status").asText()).as(repack.toString()).isEqualTo("done");
            assertThat(repack.get("does").asText()).contains("rebuild");
            assertThat(repack.get("command").asText()).contains("--table=\"sb\"").doesNotContain("password");
            assertThat(repack.get("writesDuringRun").get("count").asLong()).isPositive();
            assertThat(repack.get("rows").asLong()).isEqualTo(ROWS);
            assertThat(tools.get("pt-osc").get("status").asText()).isEqualTo("skipped");
            assertThat(tools.get("pt-osc").get("note").asText()).isEqualTo("pt-osc works on MySQL/MariaDB only");
            assertThat(peers.get("ratiosOscToPeer").get(0).get("peer").asText()).isEqualTo("pg_repack");
            assertThat(peers.get("ratiosOscToPeer").get(0).get("time").asDouble()).isPositive();
            // pg_repack ran last, on a re-created table: the ALTER osc made is gone, the rows are the fixture's
            assertThat(number(pg.url(), "SELECT count(*) FROM information_schema.columns WHERE table_name = 'sb' AND column_name = 'k' "
                    + "AND data_type = 'integer'")).isEqualTo(1);
        }
    }

    @Test
    void ptOscRunsTheSameAlterBesideOsc() throws Exception {
        BenchDatabases.requireMaria();
        Assumptions.assumeTrue(onPath("pt-online-schema-change"), "pt-online-schema-change not installed (percona-toolkit): skipped");
        try (EmbeddedMaria maria = EmbeddedMaria.start()) {
            JsonNode peers = run(maria.url(), "MODIFY COLUMN k BIGINT NOT NULL", "pt-osc,pg_repack");
            Map<String, JsonNode> tools = byTool(peers);
            JsonNode pt = tools.get("pt-osc");
            assertThat(pt.get("status").asText()).as(pt.toString()).isEqualTo("done");
            assertThat(pt.get("command").asText()).contains("--alter 'MODIFY COLUMN k BIGINT NOT NULL'").contains(",t=sb");
            assertThat(pt.get("writesDuringRun").get("count").asLong()).isPositive();
            assertThat(tools.get("pg_repack").get("status").asText()).isEqualTo("skipped");
            assertThat(number(maria.url(), "SELECT count(*) FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = DATABASE() "
                    + "AND TABLE_NAME = 'sb' AND COLUMN_NAME = 'k' AND DATA_TYPE = 'bigint'")).isEqualTo(1);
            assertThat(BenchDatabases.tableExists(maria.url(), "_sb_new")).isFalse();
        }
    }

    @Test
    void aServerWithoutTheExtensionSkipsPgRepackAndTheRunStillSucceeds() throws Exception {
        try (EmbeddedPg pg = EmbeddedPg.start()) {
            JsonNode peers = run(pg.url(), "ALTER COLUMN k TYPE bigint", "pg_repack,gh-ost");
            Map<String, JsonNode> tools = byTool(peers);
            assertThat(tools.get("osc").get("status").asText()).isEqualTo("done");
            assertThat(tools.get("pg_repack").get("status").asText()).isEqualTo("skipped");
            assertThat(tools.get("pg_repack").get("note").asText()).satisfiesAnyOf(
                    n -> assertThat(n).isEqualTo("pg_repack is not on PATH"),
                    n -> assertThat(n).startsWith("the server has no pg_repack extension"));
            assertThat(tools.get("gh-ost").get("note").asText()).isEqualTo("gh-ost works on MySQL/MariaDB only");
            assertThat(peers.get("ratiosOscToPeer").size()).isZero();
            String md = Files.readString(dir.resolve("report").resolve(BenchRunReport.MARKDOWN));
            assertThat(md).contains("## Side by side: osc and its peers").contains("- pg_repack: skipped: ");
        }
    }

    private JsonNode run(String url, String alter, String peers) throws Exception {
        new FixtureGenerator(url, "sb", FixtureShape.SYSBENCH, ROWS, false, ROWS, QUIET).run();
        Path out = dir.resolve("report");
        int exit = BenchMain.run(new String[] {"run", "--url", url, "--table", "sb", "--alter", alter, "--rate", "100", "--threads", "2",
                "--baseline", "1s", "--cooldown", "500ms", "--skip-references", "--peers", peers, "--out", out.toString()});
        assertThat(exit).isZero();
        JsonNode json = new ObjectMapper().readTree(out.resolve(BenchRunReport.JSON).toFile());
        return json.get("peers");
    }

    private static Map<String, JsonNode> byTool(JsonNode peers) {
        Map<String, JsonNode> m = new HashMap<>();
        peers.get("tools").forEach(t -> m.put(t.get("tool").asText(), t));
        return m;
    }

    private static boolean onPath(String binary) {
        return Executables.find(binary, System.getenv("PATH")).isPresent();
    }
}
