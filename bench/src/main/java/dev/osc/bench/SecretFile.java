package dev.osc.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/** A file only this user can read, created with that mode (never readable in between), for a peer's password. */
final class SecretFile {
    private SecretFile() {
    }

    static Path write(Path dir, String prefix, String content) throws IOException {
        Files.createDirectories(dir);
        Path file = Files.createTempFile(dir, prefix, ".cnf", PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(file, content);
        return file;
    }

    /** {@code value} in double quotes with backslashes and quotes escaped, as MySQL option files and gcfg read it. */
    static String quoted(String value) {
        return "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
    }
}
