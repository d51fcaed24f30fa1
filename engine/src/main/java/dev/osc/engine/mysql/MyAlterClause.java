package dev.osc.engine.mysql;

import dev.osc.engine.script.ClauseActions;
import dev.osc.engine.script.CopyClause;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The user's ALTER clause for MySQL/MariaDB, checked lexically before it goes near the database:
 * it must be the action part of one ALTER TABLE statement ({@code ADD COLUMN ...},
 * {@code MODIFY COLUMN ...}), with no statement separator outside quotes, no comment (including
 * {@code /*! ... *}{@code /} executable comments), no backslash (so no string escape can hide a
 * separator) and no ALGORITHM or LOCK option (osc adds its own). The database parses the rest;
 * osc never runs anything but {@code ALTER TABLE <table> <clause>}.
 */
public final class MyAlterClause {
    private static final Set<String> OSC_OPTIONS = Set.of("ALGORITHM", "LOCK");

    private final String text;
    private final Map<String, String> renames;

    private MyAlterClause(String text, Map<String, String> renames) {
        this.text = text;
        this.renames = renames;
    }

    public String text() {
        return text;
    }

    /**
     * The column renames the clause performs, old name to new name in clause order, from
     * {@code RENAME COLUMN old TO new} and {@code CHANGE [COLUMN] old new <definition>}; names are
     * as written (backtick quoting removed). MySQL compares column names case-insensitively, so
     * look old catalog names up ignoring case. {@code CHANGE a a ...} is no rename.
     */
    public Map<String, String> renames() {
        return renames;
    }

    /**
     * The clause as it is applied to a copy of the table: dropping one of the source's
     * {@code foreignKeys} ({@code DROP FOREIGN KEY}, {@code DROP CONSTRAINT}), which the copy does
     * not carry, is left out; names compare case-insensitively.
     */
    public CopyClause forCopy(Set<String> foreignKeys) {
        List<String> actions = new ArrayList<>();
        List<String> droppedForeignKeys = new ArrayList<>();
        for (String action : ClauseActions.split(text)) {
            Optional<String> name = ClauseActions.named(action, "DROP", "FOREIGN", "KEY")
                    .or(() -> ClauseActions.named(action, "DROP", "CONSTRAINT"))
                    .map(d -> MyIdentifiers.unquote(d.written()));
            Optional<String> foreignKey = name.flatMap(n -> foreignKeys.stream().filter(n::equalsIgnoreCase).findFirst());
            if (foreignKey.isPresent()) {
                droppedForeignKeys.add(foreignKey.get());
            } else {
                actions.add(action);
            }
        }
        return new CopyClause(droppedForeignKeys.isEmpty() ? text : ClauseActions.join(actions), droppedForeignKeys);
    }

    /** Parses or throws {@link IllegalArgumentException} with a one-line reason. */
    public static MyAlterClause parse(String raw) {
        String clause = raw == null ? "" : stripTrailingSeparator(raw.strip());
        if (clause.isBlank()) {
            throw new IllegalArgumentException("--alter is empty: give one ALTER clause, e.g. \"ADD COLUMN note TEXT\"");
        }
        if (clause.indexOf('\\') >= 0) {
            // MySQL strings end where a backslash escape says (unless NO_BACKSLASH_ESCAPES): refuse them all
            throw new IllegalArgumentException("--alter must not contain backslashes (string escapes are not accepted)");
        }
        List<Token> tokens = tokenize(clause);
        if (isWholeStatement(tokens)) {
            throw new IllegalArgumentException("--alter takes only the clause after ALTER TABLE <table>, e.g. \"ADD COLUMN note TEXT\"");
        }
        for (Token t : tokens) {
            if (t.kind == Kind.WORD && OSC_OPTIONS.contains(t.upper())) {
                throw new IllegalArgumentException("--alter must not set " + t.upper()
                        + ": osc chooses ALGORITHM and LOCK itself (quote a column of that name in backticks)");
            }
        }
        return new MyAlterClause(clause, Collections.unmodifiableMap(findRenames(tokens)));
    }

    private static String stripTrailingSeparator(String s) {
        String t = s;
        while (t.endsWith(";")) {
            t = t.substring(0, t.length() - 1).strip();
        }
        return t;
    }

    private enum Kind { WORD, IDENTIFIER, STRING, PUNCT }

    /**
     * One lexical token: a bare word, a backtick-quoted identifier (value unquoted), a string
     * ('...' or "...", value as written) or a punctuation character; depth is the number of
     * enclosing parentheses (a parenthesis itself has the depth outside it).
     */
    private record Token(Kind kind, String value, int depth) {
        String upper() {
            return value.toUpperCase(Locale.ROOT);
        }

        boolean isWord(String word) {
            return kind == Kind.WORD && value.equalsIgnoreCase(word);
        }

        boolean isPunct(char c) {
            return kind == Kind.PUNCT && value.charAt(0) == c;
        }

        boolean isName() {
            return kind == Kind.WORD || kind == Kind.IDENTIFIER;
        }
    }

    /** Splits the clause into tokens, or throws for a comment, a separator or an unterminated quote. */
    private static List<Token> tokenize(String s) {
        List<Token> tokens = new ArrayList<>();
        int depth = 0;
        int i = 0;
        int n = s.length();
        while (i < n) {
            char c = s.charAt(i);
            if (isSpace(c)) {
                i++;
            } else if (c == '\'' || c == '"' || c == '`') {
                int end = ClauseActions.afterQuoted(s, i, c);
                if (end < 0) {
                    throw new IllegalArgumentException(c == '`' ? "--alter has an unterminated quoted identifier"
                            : "--alter has an unterminated string literal");
                }
                if (c == '`') {
                    tokens.add(new Token(Kind.IDENTIFIER, s.substring(i + 1, end - 1).replace("``", "`"), depth));
                } else {
                    tokens.add(new Token(Kind.STRING, s.substring(i, end), depth));
                }
                i = end;
            } else if (c == '#' || (c == '-' && i + 1 < n && s.charAt(i + 1) == '-')
                    || (c == '/' && i + 1 < n && s.charAt(i + 1) == '*')) {
                throw new IllegalArgumentException("--alter must not contain SQL comments");
            } else if (c == ';') {
                throw new IllegalArgumentException("--alter must be a single ALTER clause: found ';' followed by more text");
            } else if (isWordChar(c)) {
                int j = i;
                while (j < n && isWordChar(s.charAt(j))) {
                    j++;
                }
                tokens.add(new Token(Kind.WORD, s.substring(i, j), depth));
                i = j;
            } else {
                if (c == ')') {
                    depth--;
                }
                tokens.add(new Token(Kind.PUNCT, String.valueOf(c), depth));
                if (c == '(') {
                    depth++;
                }
                i++;
            }
        }
        return tokens;
    }

    /** MySQL's whitespace: ASCII only (other characters may be part of an unquoted identifier). */
    private static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\u000B';
    }

    /** A character of an unquoted MySQL identifier, keyword or number: [0-9A-Za-z$_] and U+0080 up. */
    private static boolean isWordChar(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '$'
                || c >= 0x80;
    }

    private static boolean isWholeStatement(List<Token> tokens) {
        if (tokens.isEmpty()) {
            return false;
        }
        Token first = tokens.get(0);
        if (first.isWord("CREATE") || first.isWord("INSERT") || first.isWord("UPDATE") || first.isWord("DELETE")) {
            return true;
        }
        if (first.isWord("ALTER")) {
            // ALTER [ONLINE] [IGNORE] TABLE (MariaDB and older MySQL)
            int k = 1;
            while (k < tokens.size() && (tokens.get(k).isWord("ONLINE") || tokens.get(k).isWord("IGNORE"))) {
                k++;
            }
            return wordAt(tokens, k, "TABLE");
        }
        return (first.isWord("DROP") || first.isWord("RENAME")) && wordAt(tokens, 1, "TABLE");
    }

    private static boolean wordAt(List<Token> tokens, int index, String word) {
        return index < tokens.size() && tokens.get(index).isWord(word);
    }

    /** Column renames from the top-level actions (an action starts at the beginning or after a top-level comma). */
    private static Map<String, String> findRenames(List<Token> tokens) {
        Map<String, String> renames = new LinkedHashMap<>();
        List<Token> action = new ArrayList<>();
        for (Token t : tokens) {
            if (t.depth != 0) {
                continue; // inside parentheses: a type length, DEFAULT expression, CHECK, key parts
            }
            if (t.isPunct(',')) {
                addRename(action, renames);
                action.clear();
            } else {
                action.add(t);
            }
        }
        addRename(action, renames);
        return renames;
    }

    /** RENAME COLUMN [IF EXISTS] old TO new | CHANGE [COLUMN] [IF EXISTS] old new <definition>. */
    private static void addRename(List<Token> action, Map<String, String> renames) {
        if (action.isEmpty()) {
            return;
        }
        String from;
        String to;
        if (action.get(0).isWord("RENAME") && wordAt(action, 1, "COLUMN")) {
            int k = skipIfExists(action, 2);
            if (k + 2 >= action.size() || !action.get(k).isName()
                    || !action.get(k + 1).isWord("TO") || !action.get(k + 2).isName()) {
                return;
            }
            from = action.get(k).value;
            to = action.get(k + 2).value;
        } else if (action.get(0).isWord("CHANGE")) {
            int k = wordAt(action, 1, "COLUMN") ? 2 : 1;
            k = skipIfExists(action, k);
            // old name, new name and at least the start of a column definition
            if (k + 2 >= action.size() || !action.get(k).isName() || !action.get(k + 1).isName()) {
                return;
            }
            from = action.get(k).value;
            to = action.get(k + 1).value;
        } else {
            return;
        }
        if (!from.equals(to)) {
            renames.put(from, to);
        }
    }

    /** MariaDB's optional IF EXISTS (IF is reserved, so a bare IF is never a column name). */
    private static int skipIfExists(List<Token> action, int k) {
        return wordAt(action, k, "IF") && wordAt(action, k + 1, "EXISTS") ? k + 2 : k;
    }
}
