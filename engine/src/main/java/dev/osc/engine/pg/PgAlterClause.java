package dev.osc.engine.pg;

import dev.osc.engine.script.ClauseActions;
import dev.osc.engine.script.CopyClause;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The user's ALTER clause, checked lexically before it goes near the database: it must be the
 * action part of one ALTER TABLE statement ({@code ADD COLUMN ...}, {@code ALTER COLUMN ...}),
 * with no statement separator outside quotes or dollar quotes, no comment and no backslash
 * (so no escape string can hide a separator). The database parses the
 * rest; osc never runs anything but {@code ALTER TABLE <table> <clause>}.
 */
public final class PgAlterClause {
    private final String text;

    private PgAlterClause(String text) {
        this.text = text;
    }

    public String text() {
        return text;
    }

    /** Parses or throws {@link IllegalArgumentException} with a one-line reason. */
    public static PgAlterClause parse(String raw) {
        String clause = raw == null ? "" : stripTrailingSeparator(raw.strip());
        if (clause.isBlank()) {
            throw new IllegalArgumentException("--alter is empty: give one ALTER clause, e.g. \"ADD COLUMN note text\"");
        }
        if (clause.indexOf('\\') >= 0) {
            // escape strings (E'...') end where a backslash says: refuse backslashes anywhere rather than guess
            throw new IllegalArgumentException("--alter must not contain backslashes (escape strings are not accepted)");
        }
        Optional<String> problem = lexicalProblem(clause);
        if (problem.isPresent()) {
            throw new IllegalArgumentException(problem.get());
        }
        String upper = clause.toUpperCase(Locale.ROOT);
        if (upper.startsWith("ALTER TABLE") || upper.startsWith("CREATE") || upper.startsWith("DROP TABLE")
                || upper.startsWith("INSERT") || upper.startsWith("UPDATE") || upper.startsWith("DELETE")) {
            throw new IllegalArgumentException("--alter takes only the clause after ALTER TABLE <table>, e.g. \"ADD COLUMN note text\"");
        }
        return new PgAlterClause(clause);
    }

    /**
     * The clause as it is applied to a copy of the table: a constraint the source's indexes back
     * ({@code DROP CONSTRAINT}) is named by the copy's name for it (index names are unique in a
     * schema, so the copy's differ), and dropping one of the source's {@code foreignKeys}, which the
     * copy does not carry, is left out, and so is validating one.
     */
    public CopyClause forCopy(Map<String, String> copyConstraintNames, Set<String> foreignKeys) {
        List<String> actions = new ArrayList<>();
        List<String> droppedForeignKeys = new ArrayList<>();
        boolean changed = false;
        for (String action : ClauseActions.split(text)) {
            Optional<ClauseActions.Named> dropped = ClauseActions.named(action, "DROP", "CONSTRAINT");
            String name = dropped.map(d -> PgIdentifiers.unquote(d.written())).orElse(null);
            Optional<String> validated = validatedBy(action);
            if (validated.isPresent() && foreignKeys.contains(validated.get())) {
                changed = true; // the copy has no foreign keys to validate
            } else if (name != null && foreignKeys.contains(name)) {
                droppedForeignKeys.add(name);
                changed = true;
            } else if (name != null && copyConstraintNames.containsKey(name)) {
                actions.add(dropped.get().renamedIn(action, PgIdentifiers.quote(copyConstraintNames.get(name))));
                changed = true;
            } else {
                actions.add(action);
            }
        }
        return new CopyClause(changed ? ClauseActions.join(actions) : text, droppedForeignKeys);
    }

    /** The constraints the clause validates ({@code VALIDATE CONSTRAINT name}), as the catalog names them. */
    public List<String> validatedConstraints() {
        return ClauseActions.split(text).stream().map(PgAlterClause::validatedBy).flatMap(Optional::stream).toList();
    }

    private static Optional<String> validatedBy(String action) {
        return ClauseActions.named(action, "VALIDATE", "CONSTRAINT").map(d -> PgIdentifiers.unquote(d.written()));
    }

    /** True when the clause carries a USING expression, which the catalog mapping cannot see. */
    public boolean hasUsingExpression() {
        return containsWordOutsideQuotes(text, "USING");
    }

    private static String stripTrailingSeparator(String s) {
        String t = s;
        while (t.endsWith(";")) {
            t = t.substring(0, t.length() - 1).strip();
        }
        return t;
    }

    private static Optional<String> lexicalProblem(String s) {
        int i = 0;
        int n = s.length();
        while (i < n) {
            char c = s.charAt(i);
            if (c == '\'') {
                int end = ClauseActions.afterQuoted(s, i, '\'');
                if (end < 0) {
                    return Optional.of("--alter has an unterminated string literal");
                }
                i = end;
            } else if (c == '"') {
                int end = ClauseActions.afterQuoted(s, i, '"');
                if (end < 0) {
                    return Optional.of("--alter has an unterminated quoted identifier");
                }
                i = end;
            } else if (c == '-' && i + 1 < n && s.charAt(i + 1) == '-') {
                return Optional.of("--alter must not contain SQL comments");
            } else if (c == '/' && i + 1 < n && s.charAt(i + 1) == '*') {
                return Optional.of("--alter must not contain SQL comments");
            } else if (c == '$') {
                int tagEnd = dollarTagEnd(s, i);
                if (tagEnd > 0) {
                    String tag = s.substring(i, tagEnd + 1);
                    int close = s.indexOf(tag, tagEnd + 1);
                    if (close < 0) {
                        return Optional.of("--alter has an unterminated dollar-quoted string");
                    }
                    i = close + tag.length();
                } else {
                    i++;
                }
            } else if (c == ';') {
                return Optional.of("--alter must be a single ALTER clause: found ';' followed by more text");
            } else if (c == '\\') {
                return Optional.of("--alter must not contain backslash commands");
            } else {
                i++;
            }
        }
        return Optional.empty();
    }

    /** For "$tag$" starting at i, the index of its closing '$'; -1 when this is no dollar quote. */
    private static int dollarTagEnd(String s, int i) {
        if (i > 0 && (Character.isLetterOrDigit(s.charAt(i - 1)) || s.charAt(i - 1) == '_')) {
            return -1;
        }
        int j = i + 1;
        while (j < s.length() && (Character.isLetterOrDigit(s.charAt(j)) || s.charAt(j) == '_')) {
            if (j == i + 1 && Character.isDigit(s.charAt(j))) {
                return -1;
            }
            j++;
        }
        return j < s.length() && s.charAt(j) == '$' ? j : -1;
    }

    private static boolean containsWordOutsideQuotes(String s, String word) {
        StringBuilder outside = new StringBuilder();
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (c == '\'' || c == '"') {
                int end = ClauseActions.afterQuoted(s, i, c);
                outside.append(' ');
                i = end < 0 ? s.length() : end;
            } else {
                outside.append(c);
                i++;
            }
        }
        return (" " + outside.toString().toUpperCase(Locale.ROOT) + " ").matches("(?s).*[^A-Z0-9_$]" + word + "[^A-Z0-9_$].*");
    }
}
