package dev.osc.engine.cli;

/** Picocli mixin form of {@link ConnectionOptions}. */
class ConnectionMixin {
    @picocli.CommandLine.Option(names = "--url", required = true, paramLabel = "JDBC_URL",
            description = "jdbc:postgresql://HOST[:PORT]/DATABASE (a password in the URL is accepted but never shown)")
    String url;

    @picocli.CommandLine.Option(names = "--user", paramLabel = "NAME", description = "database user (default: from the URL)")
    String user;

    @picocli.CommandLine.Option(names = "--password-env", paramLabel = "VAR",
            description = "name of the environment variable holding the password")
    String passwordEnv;

    String password() {
        return fromEnv("--password-env", passwordEnv);
    }

    /** The value of the environment variable {@code name} that {@code option} names (null when not given); unset is bad input. */
    static String fromEnv(String option, String name) {
        if (name == null) {
            return null;
        }
        String value = System.getenv(name);
        if (value == null) {
            throw dev.osc.engine.run.OscException.badInput(option + " names " + name + ", which is not set");
        }
        return value;
    }
}
