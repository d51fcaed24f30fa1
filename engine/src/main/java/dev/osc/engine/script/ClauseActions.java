package dev.osc.engine.script;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * An ALTER TABLE clause as its comma-separated actions ({@code ADD COLUMN a int, DROP CONSTRAINT c}),
 * split at the commas outside parentheses, quotes ({@code '...'}, {@code "..."}, {@code `...`}) and
 * dollar quotes. The clause has passed its dialect's lexical check (no comments, no backslashes).
 * Used to name the constraints an action drops, and to give the shadow the copy's own names.
 */
public final class ClauseActions {

    /** The object an action names: the name as written (quotes included) and where it stands in the action. */
    public record Named(String written, int start, int end) {
        /** The action with the name replaced. */
        public String renamedIn(String action, String replacement) {
            return action.substring(0, start) + replacement + action.substring(end);
        }
    }

    private ClauseActions() {
    }

    public static List<String> split(String clause) {
        List<String> out = new ArrayList<>();
        int depth = 0;
        int start = 0;
        int i = 0;
        while (i < clause.length()) {
            char c = clause.charAt(i);
            if (c == '\'' || c == '"' || c == '`') {
                i = skipQuoted(clause, i, c);
                continue;
            }
            if (c == '$') {
                int tagEnd = clause.indexOf('$', i + 1);
                String tag = tagEnd > i ? clause.substring(i, tagEnd + 1) : "";
                if (tag.matches("\\$[A-Za-z_]?[A-Za-z0-9_]*\\$")) {
                    int close = clause.indexOf(tag, tagEnd + 1);
                    i = close < 0 ? clause.length() : close + tag.length();
                    continue;
                }
            }
            if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth--;
            } else if (c == ',' && depth == 0) {
                out.add(clause.substring(start, i).strip());
                start = i + 1;
            }
            i++;
        }
        out.add(clause.substring(start).strip());
        return out;
    }

    public static String join(List<String> actions) {
        return String.join(", ", actions);
    }

    /**
     * For an action made of {@code keywords} (e.g. DROP CONSTRAINT, VALIDATE CONSTRAINT), an optional IF EXISTS, a name
     * and an optional CASCADE or RESTRICT: the name. Empty for any other action.
     */
    public static Optional<Named> named(String action, String... keywords) {
        List<int[]> words = words(action);
        int w = 0;
        for (String keyword : keywords) {
            if (w >= words.size() || !word(action, words.get(w)).equalsIgnoreCase(keyword)) {
                return Optional.empty();
            }
            w++;
        }
        if (w + 1 < words.size() && word(action, words.get(w)).equalsIgnoreCase("IF")
                && word(action, words.get(w + 1)).equalsIgnoreCase("EXISTS")) {
            w += 2;
        }
        if (w >= words.size()) {
            return Optional.empty();
        }
        int[] name = words.get(w);
        int rest = words.size() - w - 1;
        boolean tail = rest == 0 || (rest == 1 && List.of("CASCADE", "RESTRICT")
                .contains(word(action, words.get(w + 1)).toUpperCase(Locale.ROOT)));
        return tail ? Optional.of(new Named(word(action, name), name[0], name[1])) : Optional.empty();
    }

    /** Start and end of each whitespace-separated word, a quoted identifier counting as one. */
    private static List<int[]> words(String action) {
        List<int[]> out = new ArrayList<>();
        int i = 0;
        while (i < action.length()) {
            char c = action.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
                continue;
            }
            int start = i;
            while (i < action.length() && !Character.isWhitespace(action.charAt(i))) {
                char d = action.charAt(i);
                i = d == '"' || d == '`' || d == '\'' ? skipQuoted(action, i, d) : i + 1;
            }
            out.add(new int[] {start, i});
        }
        return out;
    }

    private static String word(String action, int[] span) {
        return action.substring(span[0], span[1]);
    }

    /** The index after the quote closing the one at {@code start} (a doubled quote is part of the text); -1 when unterminated. */
    public static int afterQuoted(String s, int start, char quote) {
        int i = start + 1;
        while (i < s.length()) {
            if (s.charAt(i) == quote) {
                if (i + 1 < s.length() && s.charAt(i + 1) == quote) {
                    i += 2;
                    continue;
                }
                return i + 1;
            }
            i++;
        }
        return -1;
    }

    private static int skipQuoted(String s, int start, char quote) {
        int end = afterQuoted(s, start, quote);
        return end < 0 ? s.length() : end;
    }
}
