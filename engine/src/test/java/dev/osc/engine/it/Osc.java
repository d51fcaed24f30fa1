package dev.osc.engine.it;

import dev.osc.engine.cli.OscMain;
import dev.osc.engine.scenario.TestDatabase;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Runs the real command line in-process and captures its exit status, stdout and stderr. */
public record Osc(int exit, String out, String err) {

    public static Osc run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit;
        try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
             PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            exit = OscMain.run(args, o, e);
        }
        return new Osc(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** {@code alter --url <test db> --table T --alter A --execute --json --quiet} plus extra arguments. */
    public static Osc alter(String table, String alter, String... extra) {
        return alterOn(TestDatabase.postgres().url(), table, alter, extra);
    }

    /** The same on the server at {@code url}. */
    public static Osc alterOn(String url, String table, String alter, String... extra) {
        List<String> args = new ArrayList<>(List.of("alter", "--url", url, "--table", table, "--alter", alter,
                "--execute", "--json", "--quiet"));
        args.addAll(List.of(extra));
        return run(args.toArray(new String[0]));
    }

    /** {@code alter --url U --table T --alter A --json}: a dry run. */
    public static Osc dryRunOn(String url, String table, String alter, String... extra) {
        return command("alter", url, table, alter, extra);
    }

    /** {@code plan --url U --table T --alter A --json}. */
    public static Osc planOn(String url, String table, String alter, String... extra) {
        return command("plan", url, table, alter, extra);
    }

    private static Osc command(String verb, String url, String table, String alter, String... extra) {
        List<String> args = new ArrayList<>(List.of(verb, "--url", url, "--table", table, "--alter", alter, "--json"));
        args.addAll(List.of(extra));
        return run(args.toArray(new String[0]));
    }

    /** A field of the JSON result, as text (numbers and strings alike); null when absent or null. */
    public String field(String name) {
        String marker = "\"" + name + "\":";
        int at = out.indexOf(marker);
        if (at < 0) {
            return null;
        }
        int start = at + marker.length();
        if (out.startsWith("null", start)) {
            return null;
        }
        if (out.charAt(start) == '"') {
            StringBuilder sb = new StringBuilder();
            for (int i = start + 1; i < out.length(); i++) {
                char c = out.charAt(i);
                if (c == '\\') {
                    sb.append(out.charAt(++i));
                } else if (c == '"') {
                    break;
                } else {
                    sb.append(c);
                }
            }
            return sb.toString();
        }
        int end = start;
        while (end < out.length() && ",}]".indexOf(out.charAt(end)) < 0) {
            end++;
        }
        return out.substring(start, end);
    }

    @Override
    public String toString() {
        return "exit " + exit + "\nstdout: " + out + "\nstderr: " + err;
    }
}
