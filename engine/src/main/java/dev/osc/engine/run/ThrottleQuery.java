package dev.osc.engine.run;

import dev.osc.throttling.ThrottleSignal;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;

/**
 * {@code --throttle-query}: the user's SQL, run as given on a connection of its own; the copy
 * waits while its first value is non-zero or true (not while it is zero, false, NULL or absent).
 */
final class ThrottleQuery implements ThrottleSignal {
    private static final int TIMEOUT_SECONDS = 10;

    private final Connection c;
    private final String sql;

    ThrottleQuery(Connection c, String sql) {
        this.c = c;
        this.sql = sql;
    }

    /**
     * Runs the query once before the run creates anything: one the server rejects, or whose first
     * value is no number or boolean, is bad input (exit 2), not a failure in the middle of the copy.
     */
    static void check(Connection c, String sql) {
        try {
            new ThrottleQuery(c, sql).sample();
        } catch (OscException e) {
            throw OscException.badInput(e.getMessage());
        }
    }

    @Override
    public String name() {
        return "throttle-query";
    }

    @Override
    public Optional<String> sample() {
        try (Statement st = c.createStatement()) {
            st.setQueryTimeout(TIMEOUT_SECONDS);
            try (ResultSet rs = st.executeQuery(sql)) {
                String value = rs.next() ? rs.getString(1) : null;
                return nonZero(value) ? Optional.of("throttle-query returned " + value) : Optional.empty();
            }
        } catch (SQLException e) {
            throw OscException.failed("--throttle-query failed: " + Connector.oneLine(e), e);
        }
    }

    private static boolean nonZero(String value) {
        if (value == null) {
            return false;
        }
        String v = value.trim();
        if (v.equalsIgnoreCase("t") || v.equalsIgnoreCase("true")) {
            return true;
        }
        if (v.equalsIgnoreCase("f") || v.equalsIgnoreCase("false")) {
            return false;
        }
        try {
            return new BigDecimal(v).signum() != 0;
        } catch (NumberFormatException e) {
            throw OscException.failed("--throttle-query must return a number or a boolean, returned: " + value, null);
        }
    }
}
