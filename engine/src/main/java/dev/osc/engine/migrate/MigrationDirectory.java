package dev.osc.engine.migrate;

import dev.osc.engine.run.OscException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The {@code .sql} files of a migration directory (not its subdirectories), in version order. Every
 * {@code .sql} file must be named like a migration, and no two of a kind may share a version: a
 * misnamed file is bad input (exit 2) rather than a migration skipped without a word.
 */
public record MigrationDirectory(List<MigrationFile> versioned, List<MigrationFile> undo) {

    /** {@code backslashEscapes}: whether a backslash escapes in the dialect's strings ({@link MigrationDialect#backslashEscapes()}). */
    public static MigrationDirectory read(Path dir, boolean backslashEscapes) {
        if (dir == null || !Files.isDirectory(dir)) {
            throw OscException.badInput("--dir " + dir + " is not a directory");
        }
        List<MigrationFile> versioned = new ArrayList<>();
        List<MigrationFile> undo = new ArrayList<>();
        try (Stream<Path> entries = Files.list(dir)) {
            for (Path p : entries.filter(Files::isRegularFile).sorted().toList()) {
                String name = p.getFileName().toString();
                if (!name.endsWith(".sql")) {
                    continue;
                }
                MigrationFile file;
                try {
                    file = MigrationFile.of(name, Files.readString(p, StandardCharsets.UTF_8), backslashEscapes);
                } catch (IllegalArgumentException e) {
                    throw OscException.badInput(e.getMessage());
                }
                (file.kind() == MigrationFile.Kind.VERSIONED ? versioned : undo).add(file);
            }
        } catch (IOException e) {
            throw OscException.badInput("cannot read --dir " + dir + ": " + e.getMessage());
        }
        return new MigrationDirectory(sorted(versioned), sorted(undo));
    }

    private static List<MigrationFile> sorted(List<MigrationFile> files) {
        files.sort(Comparator.comparing(MigrationFile::version));
        for (int i = 1; i < files.size(); i++) {
            if (files.get(i).version().equals(files.get(i - 1).version())) {
                throw OscException.badInput(files.get(i - 1).script() + " and " + files.get(i).script() + " have the same version "
                        + files.get(i).version());
            }
        }
        return List.copyOf(files);
    }

    public Optional<MigrationFile> undoOf(MigrationVersion version) {
        return undo.stream().filter(f -> f.version().equals(version)).findFirst();
    }

    public Optional<MigrationFile> versionedOf(MigrationVersion version) {
        return versioned.stream().filter(f -> f.version().equals(version)).findFirst();
    }
}
