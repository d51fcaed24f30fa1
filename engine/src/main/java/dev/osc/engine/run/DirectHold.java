package dev.osc.engine.run;

import java.time.Duration;

/**
 * How long a direct ALTER that rewrites or copies the table holds writers: about a second per
 * 64 MiB on the machines measured (a 64 MiB rewrite blocked writers for about a second). The
 * direct path is taken for such a change only when this estimate, from a size that cannot be
 * stale, is within {@code --max-direct-hold}.
 */
public final class DirectHold {
    /** The rewrite rate the estimate assumes. */
    public static final long REWRITE_BYTES_PER_SECOND = 64L * 1024 * 1024;

    private DirectHold() {
    }

    public static Duration expected(long bytes) {
        return Duration.ofMillis(Math.max(0, bytes) * 1000 / REWRITE_BYTES_PER_SECOND);
    }

    /** Whether a rewrite of {@code bytes} stays within both limits. */
    public static boolean within(long bytes, RunSettings settings) {
        return bytes < settings.directThresholdBytes() && expected(bytes).compareTo(settings.maxDirectHold()) <= 0;
    }

    /** "12 MiB, an expected hold of about 190 ms", for reasons and warnings. */
    public static String describe(long bytes) {
        String size = bytes >= 1024 * 1024 ? bytes / 1024 / 1024 + " MiB" : bytes / 1024 + " KiB";
        return size + ", an expected writer hold of about " + expected(bytes).toMillis() + " ms";
    }
}
