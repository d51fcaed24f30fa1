package dev.osc.engine.cli;

import dev.osc.engine.control.AdminClient;
import dev.osc.engine.control.RunEndpoint;
import dev.osc.engine.run.Engines;
import dev.osc.engine.run.OscException;
import java.net.URI;
import picocli.CommandLine.Option;

/**
 * Which live run a control verb talks to (a picocli mixin): {@code --url} and {@code --table},
 * whose state row names the run's admin port, or {@code --admin} directly; and its token.
 */
class AdminTarget {
    @Option(names = "--url", paramLabel = "JDBC_URL", description = "the database of the run (with --table); a password in the URL is never shown")
    String url;

    @Option(names = "--user", paramLabel = "NAME", description = "database user (default: from the URL)")
    String user;

    @Option(names = "--password-env", paramLabel = "VAR", description = "name of the environment variable holding the password")
    String passwordEnv;

    @Option(names = "--table", paramLabel = "[SCHEMA.]TABLE", description = "the table the run alters (with --url)")
    String table;

    @Option(names = "--admin", paramLabel = "http://127.0.0.1:PORT", description = "the run's admin endpoint, instead of --url and --table")
    String admin;

    @Option(names = "--admin-token-env", paramLabel = "VAR",
            description = "the environment variable holding the run's admin token (the run's --admin-token-env)")
    String adminTokenEnv;

    /** The client for the run's endpoint: found through the state row, or given. */
    AdminClient client() throws Exception {
        String token = token(adminTokenEnv);
        if (admin != null) {
            if (url != null || table != null) {
                throw OscException.badInput("give either --admin or --url with --table, not both");
            }
            URI uri;
            try {
                uri = URI.create(admin.endsWith("/") ? admin : admin + "/");
            } catch (IllegalArgumentException e) {
                throw OscException.badInput("--admin must be http://127.0.0.1:PORT, got: " + admin);
            }
            if (!"http".equals(uri.getScheme()) || uri.getHost() == null || uri.getPort() < 0) {
                throw OscException.badInput("--admin must be http://127.0.0.1:PORT, got: " + admin);
            }
            return new AdminClient(uri, token);
        }
        if (url == null || table == null) {
            throw OscException.badInput("give --url and --table (the run is found through its state row), or --admin");
        }
        return new AdminClient(RunEndpoint.find(Engines.leftovers(url, user, ConnectionMixin.fromEnv("--password-env", passwordEnv)), table),
                token);
    }

    /** The token from the variable {@code env} names; null without one. */
    static String token(String env) {
        String token = ConnectionMixin.fromEnv("--admin-token-env", env);
        if (token != null && token.isBlank()) {
            throw OscException.badInput("--admin-token-env names " + env + ", which is empty");
        }
        return token;
    }
}
