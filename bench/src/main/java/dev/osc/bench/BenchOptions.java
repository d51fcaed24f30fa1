package dev.osc.bench;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parsing shared by the bench commands: the JDBC URL's family and durations like {@code 30s} or {@code 5m}. */
final class BenchOptions {
    private static final Pattern DURATION = Pattern.compile("(\\d+)(ms|s|m|h)?");

    private BenchOptions() {
    }

    /** The URL the drivers take (jdbc:mysql: is served by the MariaDB driver); refuses other schemes. */
    static String jdbcUrl(String url) {
        if (url.startsWith("jdbc:postgresql:") || url.startsWith("jdbc:mariadb:")) {
            return url;
        }
        if (url.startsWith("jdbc:mysql:")) {
            return "jdbc:mariadb:" + url.substring("jdbc:mysql:".length());
        }
        throw new IllegalArgumentException("--url must start with jdbc:postgresql://, jdbc:mariadb:// or jdbc:mysql://");
    }

    /**
     * Prints a database failure as one line and returns the exit status: 2 when the server cannot be
     * reached or refuses the login or database (the operator's input), else 1.
     */
    static int failed(String command, java.sql.SQLException e) {
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        boolean input = state.startsWith("08") || state.startsWith("28") || state.equals("3D000") || state.equals("42000") && e.getErrorCode() == 1049;
        System.err.println("osc bench " + command + ": " + (input ? "" : "failed: ") + String.valueOf(e.getMessage()).lines().findFirst().orElse(""));
        return input ? 2 : 1;
    }

    /** {@code 90}, {@code 90s}, {@code 500ms}, {@code 5m} or {@code 1h}; a bare number is seconds. */
    static Duration duration(String option, String value) {
        Matcher m = DURATION.matcher(value.strip().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new IllegalArgumentException(option + " must be a duration like 30s, 500ms, 5m or 1h, got: " + value);
        }
        try {
            long amount = Long.parseLong(m.group(1));
            String unit = m.group(2) == null ? "s" : m.group(2);
            Duration d = switch (unit) {
                case "ms" -> Duration.ofMillis(amount);
                case "m" -> Duration.ofMinutes(amount);
                case "h" -> Duration.ofHours(amount);
                default -> Duration.ofSeconds(amount);
            };
            d.toMillis(); // must fit in milliseconds
            return d;
        } catch (ArithmeticException | NumberFormatException e) {
            throw new IllegalArgumentException(option + " is too long: " + value);
        }
    }
}
