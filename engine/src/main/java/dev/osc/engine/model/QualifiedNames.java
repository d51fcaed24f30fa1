package dev.osc.engine.model;

import dev.osc.engine.run.OscException;
import java.util.ArrayList;
import java.util.List;

/** Splits a user-written {@code [SCHEMA.]TABLE} on its dot, honouring the dialect's quote character. */
public final class QualifiedNames {
    private QualifiedNames() {
    }

    /** One or two parts, unquoted; bad input (exit status 2) names the expected form {@code form}. */
    public static List<String> split(String name, char quote, String form) {
        List<String> parts = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c == quote) {
                if (quoted && i + 1 < name.length() && name.charAt(i + 1) == quote) {
                    current.append(quote);
                    i++;
                } else {
                    quoted = !quoted;
                }
            } else if (c == '.' && !quoted) {
                parts.add(current.toString());
                current.setLength(0);
            } else {
                current.append(c);
            }
        }
        parts.add(current.toString());
        if (quoted || parts.size() > 2 || parts.stream().anyMatch(String::isEmpty)) {
            throw OscException.badInput("--table must be " + form + ", got: " + name);
        }
        return parts;
    }
}
