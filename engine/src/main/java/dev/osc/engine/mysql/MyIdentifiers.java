package dev.osc.engine.mysql;

import dev.osc.engine.model.TableName;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Collectors;

/** Quoting for MySQL and MariaDB: every identifier osc writes into SQL goes through here. */
public final class MyIdentifiers {
    /** The longest identifier (database, table, column, index) MySQL accepts, in characters. */
    public static final int MAX_NAME_CHARS = 64;

    private MyIdentifiers() {
    }

    /**
     * A backtick-quoted identifier with embedded backticks doubled. Refuses what MySQL would refuse
     * anyway: a NUL character, more than 64 characters, a trailing space.
     */
    public static String quote(String identifier) {
        if (identifier.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("identifier contains a NUL character");
        }
        if (chars(identifier) > MAX_NAME_CHARS) {
            throw new IllegalArgumentException("identifier is longer than " + MAX_NAME_CHARS + " characters: " + identifier);
        }
        if (identifier.endsWith(" ")) {
            throw new IllegalArgumentException("identifier ends with a space, which MySQL refuses: '" + identifier + "'");
        }
        return '`' + identifier.replace("`", "``") + '`';
    }

    /** {@code `database`.`table`}: for MySQL the schema of a {@link TableName} is the database. */
    /** The name an identifier as written stands for: {@code `x`} as quoted, a bare word as it is. */
    public static String unquote(String written) {
        if (written.length() >= 2 && written.startsWith("`") && written.endsWith("`")) {
            return written.substring(1, written.length() - 1).replace("``", "`");
        }
        return written;
    }

    public static String quote(TableName table) {
        return quote(table.schema()) + "." + quote(table.name());
    }

    public static String quoteAll(List<String> identifiers) {
        return identifiers.stream().map(MyIdentifiers::quote).collect(Collectors.joining(", "));
    }

    /**
     * A string literal with embedded single quotes and backslashes doubled, so it reads the same
     * whether or not NO_BACKSLASH_ESCAPES is set.
     */
    public static String literal(String value) {
        if (value.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("literal contains a NUL character");
        }
        return "'" + value.replace("\\", "\\\\").replace("'", "''") + "'";
    }

    /**
     * A name derived from {@code base} that fits in 64 characters (MySQL counts characters, not
     * bytes): {@code prefix + base + suffix}, with the base cut on a code point boundary and
     * {@code _} plus a short hash of the whole base appended when it is too long, so two long
     * names stay distinct.
     */
    public static String derivedName(String prefix, String base, String suffix) {
        String whole = prefix + base + suffix;
        if (chars(whole) <= MAX_NAME_CHARS) {
            return whole;
        }
        String hash = sha256Hex(base).substring(0, 8);
        int budget = MAX_NAME_CHARS - chars(prefix) - chars(suffix) - hash.length() - 1;
        if (budget < 0) {
            throw new IllegalArgumentException("prefix and suffix leave no room for a name: " + prefix + "..." + suffix);
        }
        int end = base.offsetByCodePoints(0, Math.min(budget, chars(base)));
        return prefix + base.substring(0, end) + "_" + hash + suffix;
    }

    private static String sha256Hex(String s) {
        try {
            byte[] digest = java.security.MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
            return java.util.HexFormat.of().formatHex(digest);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always available", e);
        }
    }

    /** Length in characters as MySQL counts them: code points, a surrogate pair is one. */
    static int chars(String s) {
        return s.codePointCount(0, s.length());
    }
}
