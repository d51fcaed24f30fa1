package dev.osc.engine.migrate;

import dev.osc.engine.run.Strategy;
import java.util.List;
import java.util.Locale;

/**
 * A statement's {@code -- osc: ...} directives, restricted to a whitelist: {@code allow-destructive}
 * on any statement; on an {@code ALTER TABLE} also {@code strategy=auto|direct|shadow},
 * {@code max-rows-per-second=N}, {@code chunk-target-ms=N}, {@code lock-timeout-ms=N},
 * {@code direct-threshold-mb=N}, {@code drop-old}, {@code no-checksum} and {@code postpone-cutover} (the swap
 * waits for {@code osc cutover}, the shadow path taken under auto). Anything else is bad
 * input (IllegalArgumentException naming it and the whitelist), found before anything runs.
 */
public record Directives(boolean allowDestructive, Strategy strategy, Long maxRowsPerSecond, Long chunkTargetMs,
                         Long lockTimeoutMs, Long directThresholdMb, boolean dropOld, boolean noChecksum,
                         boolean postponeCutover) {

    public static final String ALLOW_DESTRUCTIVE = "allow-destructive";
    static final String WHITELIST = "allow-destructive, strategy=auto|direct|shadow, max-rows-per-second=N, chunk-target-ms=N, "
            + "lock-timeout-ms=N, direct-threshold-mb=N, drop-old, no-checksum, postpone-cutover";

    public static final Directives NONE = new Directives(false, null, null, null, null, null, false, false, false);

    /** Whether any directive other than allow-destructive is set (those apply only to ALTER TABLE). */
    public boolean tunesTheEngine() {
        return strategy != null || maxRowsPerSecond != null || chunkTargetMs != null || lockTimeoutMs != null
                || directThresholdMb != null || dropOld || noChecksum || postponeCutover;
    }

    public static Directives parse(List<String> written) {
        boolean allowDestructive = false;
        boolean dropOld = false;
        boolean noChecksum = false;
        boolean postponeCutover = false;
        Strategy strategy = null;
        Long maxRowsPerSecond = null;
        Long chunkTargetMs = null;
        Long lockTimeoutMs = null;
        Long directThresholdMb = null;
        for (String one : written) {
            int eq = one.indexOf('=');
            String name = (eq < 0 ? one : one.substring(0, eq)).toLowerCase(Locale.ROOT);
            String value = eq < 0 ? null : one.substring(eq + 1);
            switch (name) {
                case ALLOW_DESTRUCTIVE -> allowDestructive = flag(one, value);
                case "drop-old" -> dropOld = flag(one, value);
                case "no-checksum" -> noChecksum = flag(one, value);
                case "postpone-cutover" -> postponeCutover = flag(one, value);
                case "strategy" -> strategy = strategy(one, value);
                case "max-rows-per-second" -> maxRowsPerSecond = number(one, value);
                case "chunk-target-ms" -> chunkTargetMs = number(one, value);
                case "lock-timeout-ms" -> lockTimeoutMs = number(one, value);
                case "direct-threshold-mb" -> directThresholdMb = number(one, value);
                default -> throw new IllegalArgumentException("unknown directive osc:" + one + " (allowed: " + WHITELIST + ")");
            }
        }
        return new Directives(allowDestructive, strategy, maxRowsPerSecond, chunkTargetMs, lockTimeoutMs, directThresholdMb,
                dropOld, noChecksum, postponeCutover);
    }

    private static boolean flag(String written, String value) {
        if (value != null) {
            throw new IllegalArgumentException("directive osc:" + written + " takes no value");
        }
        return true;
    }

    private static Strategy strategy(String written, String value) {
        try {
            return Strategy.valueOf(String.valueOf(value).toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("directive osc:" + written + ": the strategy is auto, direct or shadow");
        }
    }

    private static Long number(String written, String value) {
        if (value == null || !value.matches("\\d{1,12}")) {
            throw new IllegalArgumentException("directive osc:" + written + " needs a whole number, like " + written.split("=")[0] + "=100");
        }
        return Long.parseLong(value);
    }
}
