package dev.osc.engine.unit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.osc.engine.migrate.MigrationDirectory;
import dev.osc.engine.migrate.MigrationFile;
import dev.osc.engine.migrate.MigrationVersion;
import dev.osc.engine.run.OscException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MigrationVersionTest {
    @TempDir
    Path dir;

    @Test
    void versionsCompareNumericallyPartByPart() {
        List<String> sorted = java.util.stream.Stream.of("10", "2", "1.10", "1.9", "1_2", "1.0.1", "1")
                .map(MigrationVersion::parse).sorted().map(MigrationVersion::toString).toList();
        assertThat(sorted).containsExactly("1", "1.0.1", "1.2", "1.9", "1.10", "2", "10");
        assertThat(MigrationVersion.parse("1.0")).isEqualTo(MigrationVersion.parse("1")).isEqualByComparingTo(MigrationVersion.parse("1.0.0"));
        assertThat(MigrationVersion.parse("007")).hasToString("7");
        assertThatThrownBy(() -> MigrationVersion.parse("1..2")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> MigrationVersion.parse("1a")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aFileNamedLikeFlywaysGivesKindVersionDescriptionAndAChecksumBlindToLineEndings() {
        MigrationFile f = MigrationFile.of("V1_2__add_the_note.sql", "ALTER TABLE t ADD COLUMN note text;\nSELECT 1;");
        assertThat(f.kind()).isEqualTo(MigrationFile.Kind.VERSIONED);
        assertThat(f.version()).hasToString("1.2");
        assertThat(f.description()).isEqualTo("add the note");
        assertThat(f.statements()).hasSize(2);
        assertThat(MigrationFile.of("U1_2__x.sql", "SELECT 1").kind()).isEqualTo(MigrationFile.Kind.UNDO);
        assertThat(MigrationFile.of("V1__a.sql", "a;\r\nb;").checksum()).isEqualTo(MigrationFile.of("V1__a.sql", "a;\nb;").checksum())
                .isNotEqualTo(MigrationFile.of("V1__a.sql", "a;\nc;").checksum());
        assertThatThrownBy(() -> MigrationFile.of("V1_add.sql", "")).hasMessageContaining("V1_add.sql is not named like");
        assertThatThrownBy(() -> MigrationFile.of("V1__a.sql", "SELECT 'open")).hasMessageContaining("V1__a.sql: line 1");
    }

    @Test
    void theDirectoryIsReadInVersionOrderAndRefusesMisnamedOrDuplicateFiles() throws Exception {
        Files.writeString(dir.resolve("V10__ten.sql"), "SELECT 10;");
        Files.writeString(dir.resolve("V2__two.sql"), "SELECT 2;");
        Files.writeString(dir.resolve("V1.1__one_one.sql"), "SELECT 11;");
        Files.writeString(dir.resolve("U2__two.sql"), "SELECT -2;");
        Files.writeString(dir.resolve("README.md"), "not a migration");
        MigrationDirectory read = MigrationDirectory.read(dir, true);
        assertThat(read.versioned()).extracting(MigrationFile::script).containsExactly("V1.1__one_one.sql", "V2__two.sql", "V10__ten.sql");
        assertThat(read.undoOf(MigrationVersion.parse("2"))).isPresent();

        Files.writeString(dir.resolve("V2.0__again.sql"), "SELECT 2;");
        assertThatThrownBy(() -> MigrationDirectory.read(dir, true)).isInstanceOf(OscException.class).hasMessageContaining("same version 2");
        Files.delete(dir.resolve("V2.0__again.sql"));
        Files.writeString(dir.resolve("R__repeatable.sql"), "SELECT 1;");
        assertThatThrownBy(() -> MigrationDirectory.read(dir, true)).isInstanceOf(OscException.class).hasMessageContaining("R__repeatable.sql");
        assertThatThrownBy(() -> MigrationDirectory.read(dir.resolve("nope"), true)).hasMessageContaining("is not a directory");
    }
}
