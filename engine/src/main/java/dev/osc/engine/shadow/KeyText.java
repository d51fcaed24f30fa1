package dev.osc.engine.shadow;

import java.util.ArrayList;
import java.util.List;

/** Reads back a key the state row holds as a JSON array of strings (as {@code RunResult.Json} wrote it). */
final class KeyText {
    private KeyText() {
    }

    static List<String> parse(String json) {
        String s = json.strip();
        if (!s.startsWith("[") || !s.endsWith("]")) {
            throw new IllegalArgumentException("not a key: " + json);
        }
        List<String> out = new ArrayList<>();
        int i = 1;
        int end = s.length() - 1;
        while (i < end) {
            char c = s.charAt(i);
            if (c == ',' || Character.isWhitespace(c)) {
                i++;
            } else if (c == '"') {
                StringBuilder value = new StringBuilder();
                i++;
                while (s.charAt(i) != '"') {
                    char d = s.charAt(i++);
                    if (d == '\\') {
                        char e = s.charAt(i++);
                        switch (e) {
                            case 'n' -> value.append('\n');
                            case 'r' -> value.append('\r');
                            case 't' -> value.append('\t');
                            case 'b' -> value.append('\b');
                            case 'f' -> value.append('\f');
                            case 'u' -> {
                                value.append((char) Integer.parseInt(s.substring(i, i + 4), 16));
                                i += 4;
                            }
                            default -> value.append(e);
                        }
                    } else {
                        value.append(d);
                    }
                }
                i++;
                out.add(value.toString());
            } else if (s.startsWith("null", i)) {
                out.add(null);
                i += 4;
            } else {
                int stop = i;
                while (stop < end && s.charAt(stop) != ',') {
                    stop++;
                }
                out.add(s.substring(i, stop).strip());
                i = stop;
            }
        }
        return out;
    }
}
