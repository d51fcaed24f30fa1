package dev.osc.engine.migrate;

import dev.osc.engine.script.SqlScript;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One file of the migration directory, named like Flyway's: {@code V<version>__<description>.sql}
 * applies a version, {@code U<version>__<description>.sql} undoes it. The checksum is a SHA-256 of
 * the text with line endings normalised, so a checkout on Windows is not drift.
 */
public record MigrationFile(Kind kind, MigrationVersion version, String description, String script, String checksum,
                            List<SqlScript.Statement> statements) {

    /** What a file does to its version. */
    public enum Kind {
        VERSIONED, UNDO
    }

    private static final Pattern NAME = Pattern.compile("([VU])([0-9]+(?:[._][0-9]+)*)__(.+)\\.sql");

    public MigrationFile {
        statements = List.copyOf(statements);
    }

    /** The kind, version and description a file name stands for; empty when the name is not a migration's. */
    public static Optional<Matcher> name(String fileName) {
        Matcher m = NAME.matcher(fileName);
        return m.matches() ? Optional.of(m) : Optional.empty();
    }

    /** The file {@code fileName} with {@code text}, split as MySQL/MariaDB would (a backslash escapes in strings). */
    public static MigrationFile of(String fileName, String text) {
        return of(fileName, text, true);
    }

    /**
     * The file {@code fileName} with {@code text}; {@code backslashEscapes} as for {@link SqlScript#split(String, boolean)}.
     * A name or text that cannot be read is an IllegalArgumentException naming the file.
     */
    public static MigrationFile of(String fileName, String text, boolean backslashEscapes) {
        Matcher m = name(fileName).orElseThrow(() -> new IllegalArgumentException(
                fileName + " is not named like V<version>__<description>.sql or U<version>__<description>.sql"));
        List<SqlScript.Statement> statements;
        try {
            statements = SqlScript.split(text, backslashEscapes);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(fileName + ": " + e.getMessage());
        }
        Kind kind = m.group(1).equals("V") ? Kind.VERSIONED : Kind.UNDO;
        return new MigrationFile(kind, MigrationVersion.parse(m.group(2)), m.group(3).replace('_', ' '), fileName,
                checksum(text), statements);
    }

    static String checksum(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(text.replace("\r\n", "\n").getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** "V2 (add note)", for messages. */
    public String label() {
        return (kind == Kind.VERSIONED ? "V" : "U") + version + " (" + description + ")";
    }
}
