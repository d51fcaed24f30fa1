package dev.osc.bench;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * One peer tool's command line, ready to start: the arguments (never a password), the environment
 * it adds, and the files holding secrets that the run deletes afterwards. {@link #display()} is
 * the exact command as a shell would take it, for the report.
 */
record PeerCommand(List<String> argv, Map<String, String> env, List<Path> secretFiles) {
    PeerCommand {
        argv = List.copyOf(argv);
        env = Map.copyOf(env);
        secretFiles = List.copyOf(secretFiles);
    }

    /** The command with each argument quoted for a POSIX shell where needed; environment names only, never their values. */
    String display() {
        String vars = env.keySet().stream().sorted().map(k -> k + "=…").collect(Collectors.joining(" "));
        String args = argv.stream().map(PeerCommand::shellQuote).collect(Collectors.joining(" "));
        return vars.isEmpty() ? args : vars + " " + args;
    }

    static String shellQuote(String arg) {
        if (!arg.isEmpty() && arg.matches("[A-Za-z0-9_@%+=:,./-]+")) {
            return arg;
        }
        return "'" + arg.replace("'", "'\\''") + "'";
    }
}
