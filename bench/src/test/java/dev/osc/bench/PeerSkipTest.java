package dev.osc.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A peer whose binary is not on PATH, or that works on the other database, is skipped with one reason, before anything runs. */
class PeerSkipTest {
    private static final String NO_SERVER = "jdbc:postgresql://127.0.0.1:1/none?user=nobody";
    private static final FixtureTable PG_TABLE = new FixtureTable("sb", FixtureShape.SYSBENCH, 1000, true);

    @TempDir
    Path bin;

    @Test
    void aBinaryIsFoundOnlyWhereItIsAnExecutableFile() throws Exception {
        Path tool = Files.createFile(bin.resolve("pg_repack"), PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        Files.createFile(bin.resolve("gh-ost"));
        String path = "/nonexistent" + java.io.File.pathSeparator + bin;
        assertThat(Executables.find("pg_repack", path)).contains(tool);
        assertThat(Executables.find("gh-ost", path)).isEmpty();
        assertThat(Executables.find("pg_repack", "")).isEmpty();
        assertThat(Executables.find("pg_repack", null)).isEmpty();
    }

    @Test
    void aMissingBinaryOrTheOtherDatabaseSkipsThePeerWithoutTouchingTheServer() throws Exception {
        PeerUnderLoad runner = runner("/nonexistent");
        assertThat(runner.skipReason(new PgRepackPeer(), true)).isEqualTo("pg_repack is not on PATH");
        assertThat(runner.skipReason(new PgRepackPeer(), false)).isEqualTo("pg_repack works on PostgreSQL only");
        assertThat(runner.skipReason(new PtOscPeer(), true)).isEqualTo("pt-osc works on MySQL/MariaDB only");

        // the URL points at no server: a skipped peer must not connect, re-create the table or start the workload
        ToolFigures f = runner.run(new PgRepackPeer(), PG_TABLE, "ALTER COLUMN k TYPE bigint");
        assertThat(f.status()).isEqualTo("skipped");
        assertThat(f.note()).isEqualTo("pg_repack is not on PATH");
        assertThat(f.command()).isNull();
        assertThat(f.done()).isFalse();
    }

    @Test
    void aPeerOnPathIsNotSkipped() throws Exception {
        Files.createFile(bin.resolve("pg_repack"), PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        assertThat(runner(bin.toString()).skipReason(new PgRepackPeer(), true)).isNull();
    }

    private PeerUnderLoad runner(String path) {
        PrintStream quiet = new PrintStream(new ByteArrayOutputStream());
        WorkloadSpec load = new WorkloadSpec(1, 10, WorkloadMix.parse("20:40:10:30"), Duration.ofMillis(10));
        return new PeerUnderLoad(NO_SERVER, load, Duration.ofMillis(500), 0, bin, path, new FixtureReset(NO_SERVER, PG_TABLE, quiet), List.of(), quiet);
    }
}
