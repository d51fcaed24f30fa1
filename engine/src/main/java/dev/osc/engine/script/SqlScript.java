package dev.osc.engine.script;

import java.util.ArrayList;
import java.util.List;

/**
 * A migration file split into its statements at the top-level {@code ;}: quotes ({@code '...'},
 * {@code "..."}, {@code `...`}), PostgreSQL dollar quotes ({@code $tag$...$tag$}) and comments
 * ({@code -- ...}, {@code /* ... *}{@code /}) are honoured. Line comments are taken out of a
 * statement's text; a {@code -- osc:...} directive in the comments before a statement is kept
 * with it.
 */
public final class SqlScript {

    /** One statement: its text (line comments removed, trimmed), its 1-based line, and its {@code osc:} directives. */
    public record Statement(String text, int line, List<String> directives) {
        public boolean hasDirective(String name) {
            return directives.contains(name);
        }
    }

    private SqlScript() {
    }

    /** The statements of {@code script}; an unterminated quote or comment is bad input (IllegalArgumentException). */
    public static List<Statement> split(String script) {
        return split(script, true);
    }

    /**
     * The statements of {@code script}; {@code backslashEscapes} false for PostgreSQL, whose strings
     * take a backslash literally ({@code standard_conforming_strings}) except in {@code E'...'}.
     */
    public static List<Statement> split(String script, boolean backslashEscapes) {
        List<Statement> out = new ArrayList<>();
        StringBuilder text = new StringBuilder();
        List<String> directives = new ArrayList<>();
        int line = 1;
        int startLine = -1;
        int i = 0;
        int n = script.length();
        while (i < n) {
            char c = script.charAt(i);
            if (c == '-' && i + 1 < n && script.charAt(i + 1) == '-') {
                int end = script.indexOf('\n', i);
                String comment = script.substring(i + 2, end < 0 ? n : end).strip();
                if (comment.startsWith("osc:")) {
                    for (String d : comment.substring(4).strip().split("\\s+")) {
                        if (!d.isEmpty()) {
                            directives.add(d);
                        }
                    }
                }
                i = end < 0 ? n : end;
                continue;
            }
            if (c == '/' && i + 1 < n && script.charAt(i + 1) == '*') {
                int end = script.indexOf("*/", i + 2);
                if (end < 0) {
                    throw new IllegalArgumentException("line " + line + ": a /* comment is not closed");
                }
                String comment = script.substring(i, end + 2);
                line += count(comment, '\n');
                text.append(comment);
                i = end + 2;
                continue;
            }
            if (c == '\'' || c == '"' || c == '`') {
                int end = closing(script, i, c, c != '"' && (backslashEscapes || escapeString(script, i)));
                if (end < 0) {
                    throw new IllegalArgumentException("line " + line + ": a " + c + " quote is not closed");
                }
                String quoted = script.substring(i, end + 1);
                if (startLine < 0) {
                    startLine = line;
                }
                line += count(quoted, '\n');
                text.append(quoted);
                i = end + 1;
                continue;
            }
            if (c == '$') {
                int tagEnd = dollarTagEnd(script, i);
                if (tagEnd > 0) {
                    String tag = script.substring(i, tagEnd + 1);
                    int end = script.indexOf(tag, tagEnd + 1);
                    if (end < 0) {
                        throw new IllegalArgumentException("line " + line + ": a " + tag + " quote is not closed");
                    }
                    String quoted = script.substring(i, end + tag.length());
                    if (startLine < 0) {
                        startLine = line;
                    }
                    line += count(quoted, '\n');
                    text.append(quoted);
                    i = end + tag.length();
                    continue;
                }
            }
            if (c == ';') {
                add(out, text, startLine, directives);
                directives = new ArrayList<>();
                startLine = -1;
                i++;
                continue;
            }
            if (c == '\n') {
                line++;
            } else if (!Character.isWhitespace(c) && startLine < 0) {
                startLine = line;
            }
            text.append(c);
            i++;
        }
        add(out, text, startLine, directives);
        return out;
    }

    private static void add(List<Statement> out, StringBuilder text, int line, List<String> directives) {
        String statement = text.toString().strip();
        text.setLength(0);
        if (!statement.isEmpty()) {
            out.add(new Statement(statement, line, List.copyOf(directives)));
        }
    }

    /** The index of the quote closing the one at {@code start} (a doubled quote is part of the text), or -1. */
    private static int closing(String s, int start, char quote, boolean backslashEscapes) {
        for (int i = start + 1; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && backslashEscapes) {
                i++;
            } else if (c == quote) {
                if (i + 1 < s.length() && s.charAt(i + 1) == quote) {
                    i++;
                } else {
                    return i;
                }
            }
        }
        return -1;
    }

    /** Whether the quote at {@code quote} opens a PostgreSQL escape string ({@code E'...'}, the E not part of a longer word). */
    private static boolean escapeString(String s, int quote) {
        return quote >= 1 && (s.charAt(quote - 1) == 'E' || s.charAt(quote - 1) == 'e')
                && (quote < 2 || !(Character.isLetterOrDigit(s.charAt(quote - 2)) || s.charAt(quote - 2) == '_'));
    }

    /** The index of the {@code $} ending a dollar-quote tag that starts at {@code start}, or -1 when it is not one. */
    private static int dollarTagEnd(String s, int start) {
        for (int i = start + 1; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '$') {
                return i;
            }
            if (!(Character.isLetterOrDigit(c) || c == '_') || (i == start + 1 && Character.isDigit(c))) {
                return -1;
            }
        }
        return -1;
    }

    private static int count(String s, char c) {
        int n = 0;
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) == c) {
                n++;
            }
        }
        return n;
    }
}
