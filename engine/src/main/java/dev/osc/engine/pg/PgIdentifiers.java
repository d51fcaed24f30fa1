package dev.osc.engine.pg;

import dev.osc.engine.model.TableName;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Collectors;

/** Quoting for PostgreSQL: every identifier osc writes into SQL goes through here. */
public final class PgIdentifiers {
    /** NAMEDATALEN - 1: the longest identifier PostgreSQL keeps, in bytes. */
    public static final int MAX_NAME_BYTES = 63;

    private PgIdentifiers() {
    }

    public static String quote(String identifier) {
        if (identifier.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("identifier contains a NUL character");
        }
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }

    /** The name an identifier as written stands for: {@code "x"} as quoted, a bare word folded to lower case. */
    public static String unquote(String written) {
        if (written.length() >= 2 && written.startsWith("\"") && written.endsWith("\"")) {
            return written.substring(1, written.length() - 1).replace("\"\"", "\"");
        }
        return written.toLowerCase(java.util.Locale.ROOT);
    }

    public static String quote(TableName table) {
        return quote(table.schema()) + "." + quote(table.name());
    }

    public static String quoteAll(List<String> identifiers) {
        return identifiers.stream().map(PgIdentifiers::quote).collect(Collectors.joining(", "));
    }

    /** A string literal with embedded quotes doubled (standard_conforming_strings is on since 9.1). */
    public static String literal(String value) {
        if (value.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("literal contains a NUL character");
        }
        return "'" + value.replace("'", "''") + "'";
    }

    /**
     * A name derived from {@code base} that fits in 63 bytes: {@code prefix + base + suffix}, with
     * the base cut on a character boundary and a short hash of the whole base appended when it
     * is too long, so two long names stay distinct.
     */
    public static String derivedName(String prefix, String base, String suffix) {
        String whole = prefix + base + suffix;
        if (bytes(whole) <= MAX_NAME_BYTES) {
            return whole;
        }
        String hash = sha256Hex(base).substring(0, 8);
        int budget = MAX_NAME_BYTES - bytes(prefix) - bytes(suffix) - hash.length() - 1;
        StringBuilder cut = new StringBuilder();
        for (int i = 0; i < base.length(); ) {
            int cp = base.codePointAt(i);
            String ch = new String(Character.toChars(cp));
            if (bytes(cut.toString()) + bytes(ch) > budget) {
                break;
            }
            cut.append(ch);
            i += Character.charCount(cp);
        }
        return prefix + cut + "_" + hash + suffix;
    }

    private static String sha256Hex(String s) {
        try {
            byte[] digest = java.security.MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
            return java.util.HexFormat.of().formatHex(digest);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always available", e);
        }
    }

    static int bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8).length;
    }
}
