package dev.osc.engine.unit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.osc.engine.migrate.AppliedVersions;
import dev.osc.engine.migrate.HistoryRow;
import dev.osc.engine.migrate.MigrateSettings;
import dev.osc.engine.migrate.MigrationDirectory;
import dev.osc.engine.migrate.MigrationFile;
import dev.osc.engine.migrate.MigrationPlan;
import dev.osc.engine.migrate.MigrationVersion;
import dev.osc.engine.migrate.PendingStatement;
import dev.osc.engine.run.OscException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The directory against a history written by hand: what is pending, what drifted, what is missing. */
class MigrationPlanTest {
    @TempDir
    Path dir;

    private MigrationDirectory files;
    private final List<HistoryRow> rows = new ArrayList<>();

    @BeforeEach
    void files() throws Exception {
        Files.writeString(dir.resolve("V1__create.sql"), "CREATE TABLE a (id int);\nCREATE TABLE b (id int);");
        Files.writeString(dir.resolve("V2__three.sql"), "ALTER TABLE a ADD COLUMN x int;\nALTER TABLE a ADD COLUMN y int;\nALTER TABLE a ADD COLUMN z int;");
        Files.writeString(dir.resolve("V10__ten.sql"), "CREATE TABLE c (id int);");
        Files.writeString(dir.resolve("U10__ten.sql"), "-- osc:allow-destructive\nDROP TABLE c;");
        files = MigrationDirectory.read(dir, true);
    }

    private MigrationFile file(String version) {
        return files.versionedOf(MigrationVersion.parse(version)).orElseThrow();
    }

    private void applied(String version, int index, boolean ok) {
        MigrationFile f = file(version);
        rows.add(new HistoryRow(version, f.description(), HistoryRow.Kind.MIGRATE, f.script(), f.checksum(), index, "direct", "r1",
                Instant.EPOCH, Instant.EPOCH, 0, ok, ok ? null : "boom"));
    }

    private MigrationPlan plan(MigrateSettings settings) {
        return MigrationPlan.of(files, new AppliedVersions(rows), settings);
    }

    private MigrationPlan plan() {
        return plan(MigrateSettings.of("jdbc:postgresql://h/db", null, null, dir));
    }

    private static List<String> pending(MigrationPlan p) {
        return p.pending().stream().map(s -> "V" + s.file().version() + "#" + s.index()).toList();
    }

    @Test
    void everythingInNumericVersionOrderOnAnEmptyDatabase() {
        assertThat(pending(plan())).containsExactly("V1#1", "V1#2", "V2#1", "V2#2", "V2#3", "V10#1");
    }

    @Test
    void aHalfAppliedFileResumesAtTheStatementThatFailed() {
        applied("1", 1, true);
        applied("1", 2, true);
        applied("2", 1, true);
        applied("2", 2, false);
        MigrationPlan p = plan();
        assertThat(pending(p)).containsExactly("V2#2", "V2#3", "V10#1");
        assertThat(p.appliedVersions()).isEqualTo(1);
        assertThat(p.drifted()).isEmpty();
    }

    @Test
    void anAppliedFileThatChangedIsDriftAndAVersionGoneFromTheDirectoryIsMissing() {
        applied("1", 1, true);
        applied("1", 2, true);
        rows.add(new HistoryRow("3", "gone", HistoryRow.Kind.MIGRATE, "V3__gone.sql", "abc", 1, "direct", "r1", Instant.EPOCH,
                Instant.EPOCH, 0, true, null));
        rows.set(0, new HistoryRow("1", "create", HistoryRow.Kind.MIGRATE, "V1__create.sql", "other", 1, "direct", "r1",
                Instant.EPOCH, Instant.EPOCH, 0, true, null));
        rows.set(1, rows.get(0));
        MigrationPlan p = plan();
        assertThat(p.drifted()).extracting(MigrationFile::script).containsExactly("V1__create.sql");
        assertThat(p.missing()).containsExactly("V3 (V3__gone.sql)");
        assertThat(p.outOfOrder()).extracting(MigrationFile::script).containsExactly("V2__three.sql");
    }

    @Test
    void aBaselineCountsEveryVersionUpToItAsApplied() {
        MigrateSettings s = MigrateSettings.of("jdbc:postgresql://h/db", null, null, dir);
        MigrateSettings baseline = new MigrateSettings(s.url(), null, null, dir, true, false, false, Duration.ZERO, false,
                MigrationVersion.parse("2"), null, s.lockTimeout(), s.maxDirectHold(), false);
        assertThat(pending(plan(baseline))).containsExactly("V10#1");
        rows.add(new HistoryRow("2", "baseline", HistoryRow.Kind.BASELINE, "--baseline", null, 0, "baseline", "r0", Instant.EPOCH,
                Instant.EPOCH, 0, true, null));
        assertThat(pending(plan())).containsExactly("V10#1");
        assertThatThrownBy(() -> plan(baseline)).isInstanceOf(OscException.class).hasMessageContaining("already has rows");
    }

    @Test
    void undoRunsTheUndoFileOfTheLatestVersionAndAnUndoneVersionIsPendingAgain() {
        MigrateSettings s = MigrateSettings.of("jdbc:postgresql://h/db", null, null, dir);
        MigrateSettings undo10 = new MigrateSettings(s.url(), null, null, dir, true, false, false, Duration.ZERO, false, null,
                MigrationVersion.parse("10"), s.lockTimeout(), s.maxDirectHold(), false);
        assertThatThrownBy(() -> plan(undo10)).hasMessageContaining("is not applied");
        applied("1", 1, true);
        applied("1", 2, true);
        applied("10", 1, true);
        MigrationPlan p = plan(undo10);
        assertThat(p.pending()).extracting(PendingStatement::recordAs).containsExactly(HistoryRow.Kind.UNDO);
        assertThat(p.pending().get(0).text()).isEqualTo("DROP TABLE c");
        MigrateSettings undo1 = new MigrateSettings(s.url(), null, null, dir, true, false, false, Duration.ZERO, false, null,
                MigrationVersion.parse("1"), s.lockTimeout(), s.maxDirectHold(), false);
        assertThatThrownBy(() -> plan(undo1)).hasMessageContaining("only the latest applied version (10)");
        rows.add(new HistoryRow("10", "undone", HistoryRow.Kind.UNDONE, "U10__ten.sql", null, 0, "undo", "r2", Instant.EPOCH,
                Instant.EPOCH, 0, true, null));
        assertThat(pending(plan())).containsExactly("V2#1", "V2#2", "V2#3", "V10#1");
    }
}
