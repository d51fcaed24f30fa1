package dev.osc.engine.run;

import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.ThreadLocalRandom;

/** Run ids: UTC time to the second plus a short random suffix, usable in any identifier. */
public final class RunIds {
    private static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("yyyyMMddHHmmss").withZone(ZoneOffset.UTC);

    private RunIds() {
    }

    public static String next(Clock clock) {
        return FORMAT.format(clock.instant()) + "_" + Integer.toString(ThreadLocalRandom.current().nextInt(36 * 36 * 36), 36);
    }
}
