package dev.osc.engine.migrate;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * How migrate carries a statement out, from its first words: {@code ALTER TABLE} through the osc
 * engine, {@code CREATE INDEX} (on PostgreSQL concurrently), other DDL directly under a short lock
 * timeout, and anything else (DML, {@code GRANT}, {@code TRUNCATE}, ...) only when allowed.
 */
public enum StatementKind {
    ALTER_TABLE, CREATE_INDEX, DDL, OTHER;

    private static final List<String> DDL_VERBS = List.of("CREATE", "DROP", "ALTER", "COMMENT", "RENAME");
    /** DROP of an object that holds data: gated like a destructive ALTER. */
    private static final List<String> DATA_OBJECTS = List.of("TABLE", "SCHEMA", "DATABASE");

    public static StatementKind of(String statement) {
        List<String> w = firstWords(statement, 3);
        if (w.isEmpty()) {
            return OTHER;
        }
        if (w.get(0).equals("ALTER") && w.size() > 1 && w.get(1).equals("TABLE")) {
            return ALTER_TABLE;
        }
        if (w.get(0).equals("CREATE") && w.size() > 1 && (w.get(1).equals("INDEX")
                || (w.get(1).equals("UNIQUE") && w.size() > 2 && w.get(2).equals("INDEX")))) {
            return CREATE_INDEX;
        }
        return DDL_VERBS.contains(w.get(0)) ? DDL : OTHER;
    }

    /** Why a statement that is not an ALTER TABLE destroys data ({@code DROP TABLE}, {@code TRUNCATE}), or null. */
    public static String destroys(String statement) {
        List<String> w = firstWords(statement, 2);
        if (w.size() >= 2 && w.get(0).equals("DROP") && DATA_OBJECTS.contains(w.get(1))) {
            return "DROP " + w.get(1) + " removes its data";
        }
        if (!w.isEmpty() && w.get(0).equals("TRUNCATE")) {
            return "TRUNCATE removes the table's rows";
        }
        return null;
    }

    /** The statement's first {@code n} words in upper case, block comments before them skipped. */
    static List<String> firstWords(String statement, int n) {
        List<String> out = new ArrayList<>();
        int i = 0;
        String s = statement;
        while (i < s.length() && out.size() < n) {
            char c = s.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (s.startsWith("/*", i)) {
                int end = s.indexOf("*/", i + 2);
                i = end < 0 ? s.length() : end + 2;
            } else {
                int start = i;
                while (i < s.length() && (Character.isLetterOrDigit(s.charAt(i)) || s.charAt(i) == '_')) {
                    i++;
                }
                if (i == start) {
                    break;
                }
                out.add(s.substring(start, i).toUpperCase(Locale.ROOT));
            }
        }
        return out;
    }

    /** The statement without the block comments before its first word. */
    static String withoutLeadingComments(String statement) {
        int i = 0;
        while (i < statement.length()) {
            if (Character.isWhitespace(statement.charAt(i))) {
                i++;
            } else if (statement.startsWith("/*", i)) {
                int end = statement.indexOf("*/", i + 2);
                i = end < 0 ? statement.length() : end + 2;
            } else {
                break;
            }
        }
        return statement.substring(i);
    }
}
