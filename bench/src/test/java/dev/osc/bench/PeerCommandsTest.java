package dev.osc.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each peer's command line: the target and the ALTER in it, the password never on it but in a file only this user reads. */
class PeerCommandsTest {
    private static final String SECRET = "Zq9:cr\\e\"t";

    @TempDir
    Path work;

    @Test
    void theTargetComesFromTheJdbcUrlAndItsPasswordIsNotShown() {
        PeerTarget pg = PeerTarget.of("jdbc:postgresql://db.example:5433/app?user=alice&password=" + "s3%3Acr");
        assertThat(pg).isEqualTo(new PeerTarget(true, "db.example", 5433, "app", "alice", "s3:cr"));
        assertThat(pg.toString()).isEqualTo("postgresql://alice@db.example:5433/app").doesNotContain("s3");
        PeerTarget my = PeerTarget.of("jdbc:mariadb://127.0.0.1/osc");
        assertThat(my).isEqualTo(new PeerTarget(false, "127.0.0.1", 3306, "osc", "root", null));
    }

    @Test
    void pgRepackRebuildsTheQuotedTableAndReadsThePasswordFromAPassFile() throws Exception {
        PeerCommand c = new PgRepackPeer().command(Path.of("/usr/bin/pg_repack"), job(true, SECRET, "We\"ird", "ALTER COLUMN k TYPE bigint"), work);
        assertThat(c.argv()).containsExactly("/usr/bin/pg_repack", "--host=127.0.0.1", "--port=5432", "--username=u", "--dbname=d",
                "--table=\"We\"\"ird\"", "--no-order", "--no-kill-backend", "--wait-timeout=60");
        assertNoSecretIn(c);
        Path pass = Path.of(c.env().get("PGPASSFILE"));
        assertThat(c.secretFiles()).containsExactly(pass);
        assertThat(Files.readString(pass)).isEqualTo("127.0.0.1:5432:d:u:Zq9\\:cr\\\\e\"t\n");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(pass))).isEqualTo("rw-------");
        assertThat(c.display()).startsWith("PGPASSFILE=… /usr/bin/pg_repack --host=127.0.0.1").contains("'--table=\"We\"\"ird\"'");

        PeerCommand noPassword = new PgRepackPeer().command(Path.of("pg_repack"), job(true, null, "t", ""), work);
        assertThat(noPassword.env()).isEmpty();
        assertThat(noPassword.secretFiles()).isEmpty();
    }

    @Test
    void ptOscRunsTheSameAlterWithThePasswordInAnOptionFileTheDsnNames() throws Exception {
        PeerCommand c = new PtOscPeer().command(Path.of("/usr/bin/pt-online-schema-change"), job(false, SECRET, "sb", "MODIFY COLUMN k BIGINT NOT NULL"), work);
        Path options = c.secretFiles().get(0);
        assertThat(c.argv()).containsExactly("/usr/bin/pt-online-schema-change", "--alter", "MODIFY COLUMN k BIGINT NOT NULL", "--execute",
                "--recursion-method=none", "--chunk-time=0.5", "h=127.0.0.1,P=5432,u=u,D=d,t=sb,F=" + options);
        assertNoSecretIn(c);
        assertThat(Files.readString(options)).isEqualTo("[client]\npassword=\"Zq9:cr\\\\e\\\"t\"\n");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(options))).isEqualTo("rw-------");
        assertThat(c.display()).contains("--alter 'MODIFY COLUMN k BIGINT NOT NULL'");

        assertThatThrownBy(() -> new PtOscPeer().command(Path.of("pt"), job(false, null, "a,b", ""), work))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("a,b");
        assertThat(new PtOscPeer().command(Path.of("pt"), job(false, null, "sb", "X"), work).argv()).last()
                .isEqualTo("h=127.0.0.1,P=5432,u=u,D=d,t=sb");
    }

    @Test
    void ghOstRunsOnThePrimaryWithThePasswordInItsConfFile() throws Exception {
        PeerCommand c = new GhOstPeer().command(Path.of("/opt/gh-ost"), job(false, SECRET, "sb", "MODIFY COLUMN k BIGINT NOT NULL"), work);
        Path conf = c.secretFiles().get(0);
        assertThat(c.argv()).contains("--host=127.0.0.1", "--port=5432", "--user=u", "--database=d", "--table=sb",
                "--alter=MODIFY COLUMN k BIGINT NOT NULL", "--allow-on-master", "--conf=" + conf).endsWith("--execute");
        assertNoSecretIn(c);
        assertThat(Files.readString(conf)).isEqualTo("[client]\nuser=\"u\"\npassword=\"Zq9:cr\\\\e\\\"t\"\n");
        assertThat(new GhOstPeer().command(Path.of("gh-ost"), job(false, null, "sb", "X"), work).secretFiles()).isEmpty();
    }

    @Test
    void peersAreNamedOnceEachAndAnUnknownOneIsRefusedNamingTheKnown() {
        assertThat(Peers.parse(List.of("pt-osc", " pg_repack", "pt-osc", "")).stream().map(Peer::name)).containsExactly("pt-osc", "pg_repack");
        assertThatThrownBy(() -> Peers.parse(List.of("pt-osc", "lhm"))).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("--peers: unknown peer lhm (known: pg_repack, pt-osc, gh-ost)");
        assertThat(new PgRepackPeer().runsOn(true)).isTrue();
        assertThat(new PgRepackPeer().runsOn(false)).isFalse();
        assertThat(new PtOscPeer().runsOn(true)).isFalse();
        assertThat(new GhOstPeer().runsOn(false)).isTrue();
    }

    @Test
    void ptOscsChunkTimeIsOscsChunkTarget() throws Exception {
        PeerJob job = new PeerJob(target(false, null), "sb", "X", java.time.Duration.ofMillis(100));
        assertThat(job.chunkSeconds()).isEqualTo("0.1");
        assertThat(new PtOscPeer().command(Path.of("pt"), job, work).argv()).contains("--chunk-time=0.1");
        assertThat(new PeerJob(job.target(), "sb", "X", java.time.Duration.ofSeconds(2)).chunkSeconds()).isEqualTo("2");
        // no chunk target given to the bench: pt-osc keeps its own default, as osc keeps its own
        assertThat(new PtOscPeer().command(Path.of("pt"), new PeerJob(job.target(), "sb", "X", null), work).argv())
                .noneMatch(a -> a.startsWith("--chunk-time")).endsWith("h=127.0.0.1,P=5432,u=u,D=d,t=sb");
    }

    @Test
    void shellQuotingLeavesPlainWordsAndQuotesTheRest() {
        assertThat(PeerCommand.shellQuote("--port=5432")).isEqualTo("--port=5432");
        assertThat(PeerCommand.shellQuote("a b")).isEqualTo("'a b'");
        assertThat(PeerCommand.shellQuote("it's")).isEqualTo("'it'\\''s'");
        assertThat(PeerCommand.shellQuote("")).isEqualTo("''");
    }

    private static PeerJob job(boolean pg, String password, String table, String alter) {
        return new PeerJob(target(pg, password), table, alter, java.time.Duration.ofMillis(500));
    }

    private static PeerTarget target(boolean pg, String password) {
        return new PeerTarget(pg, "127.0.0.1", 5432, "d", "u", password);
    }

    private static void assertNoSecretIn(PeerCommand c) {
        assertThat(String.join(" ", c.argv())).doesNotContain("Zq9");
        assertThat(c.display()).doesNotContain("Zq9");
        assertThat(c.env().values()).allSatisfy(v -> assertThat(v).doesNotContain("Zq9"));
    }
}
