package dev.osc.engine.script;

import java.util.Locale;

/**
 * {@code ALTER TABLE <name> <clause>} taken apart: the table as written (quotes kept, for
 * {@code --table}) and the clause (for {@code --alter}). Anything else is not an ALTER TABLE
 * statement osc can check (IllegalArgumentException).
 */
public record AlterStatement(String table, String clause) {

    public static AlterStatement parse(String statement) {
        String s = statement.strip();
        int i = keyword(s, 0, "ALTER");
        i = keyword(s, i, "TABLE");
        if (i < 0) {
            throw new IllegalArgumentException("not an ALTER TABLE statement: " + firstWords(s));
        }
        i = skipSpace(s, i);
        int nameStart = i;
        i = identifier(s, i);
        if (i < s.length() && s.charAt(i) == '.') {
            i = identifier(s, i + 1);
        }
        if (i <= nameStart) {
            throw new IllegalArgumentException("ALTER TABLE without a table name: " + firstWords(s));
        }
        String table = s.substring(nameStart, i);
        if (table.equalsIgnoreCase("ONLY") || table.equalsIgnoreCase("IF")) {
            throw new IllegalArgumentException("ALTER TABLE " + table.toUpperCase(Locale.ROOT) + " is not supported: name the table");
        }
        String clause = s.substring(i).strip();
        if (clause.isEmpty()) {
            throw new IllegalArgumentException("ALTER TABLE " + table + " has no clause");
        }
        return new AlterStatement(table, clause);
    }

    private static int keyword(String s, int from, String word) {
        if (from < 0) {
            return -1;
        }
        int i = skipSpace(s, from);
        if (!s.regionMatches(true, i, word, 0, word.length())) {
            return -1;
        }
        int end = i + word.length();
        return end < s.length() && !Character.isWhitespace(s.charAt(end)) ? -1 : end;
    }

    private static int skipSpace(String s, int i) {
        while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
            i++;
        }
        return i;
    }

    /** The end of one identifier, plain or quoted ("..." or `...` with doubled quotes inside). */
    private static int identifier(String s, int i) {
        if (i < s.length() && (s.charAt(i) == '"' || s.charAt(i) == '`')) {
            char q = s.charAt(i);
            for (int j = i + 1; j < s.length(); j++) {
                if (s.charAt(j) == q) {
                    if (j + 1 < s.length() && s.charAt(j + 1) == q) {
                        j++;
                    } else {
                        return j + 1;
                    }
                }
            }
            throw new IllegalArgumentException("a quoted table name is not closed");
        }
        int j = i;
        while (j < s.length() && (Character.isLetterOrDigit(s.charAt(j)) || s.charAt(j) == '_' || s.charAt(j) == '$')) {
            j++;
        }
        return j;
    }

    private static String firstWords(String s) {
        String one = s.replaceAll("\\s+", " ");
        return one.length() > 40 ? one.substring(0, 40) + "..." : one;
    }
}
