package dev.osc.engine.migrate;

import dev.osc.engine.run.OscException;
import java.nio.file.Path;
import java.time.Duration;

/**
 * What one {@code osc migrate} was asked to do, validated at construction (a message names the
 * offending setting). {@code lockWait} zero is {@code --no-wait}. The password is never printed.
 */
public record MigrateSettings(String url, String user, String password, Path dir, boolean execute, boolean allowDestructive,
                              boolean allowOtherStatements, Duration lockWait, boolean repair, MigrationVersion baseline,
                              MigrationVersion undo, Duration lockTimeout, Duration maxDirectHold, boolean progress) {
    public static final Duration DEFAULT_LOCK_WAIT = Duration.ofMinutes(10);
    public static final Duration DEFAULT_LOCK_TIMEOUT = Duration.ofMillis(200);

    public MigrateSettings {
        require(url != null && !url.isBlank(), "--url is required");
        require(dir != null, "--dir is required");
        require(lockWait != null && !lockWait.isNegative(), "--lock-wait must be 0 or more");
        require(lockTimeout != null && lockTimeout.toMillis() >= 1 && lockTimeout.compareTo(Duration.ofSeconds(60)) <= 0,
                "--lock-timeout-ms must be between 1 and 60000");
        require(maxDirectHold != null && !maxDirectHold.isNegative(), "--max-direct-hold must be 0ms or more");
        require(baseline == null || undo == null, "--baseline and --undo cannot be combined");
        require(undo == null || !repair, "--undo and --repair cannot be combined");
    }

    /** The defaults of the command line: a dry run of {@code dir}, nothing allowed, waiting up to 10 minutes for the lock. */
    public static MigrateSettings of(String url, String user, String password, Path dir) {
        return new MigrateSettings(url, user, password, dir, false, false, false, DEFAULT_LOCK_WAIT, false, null, null,
                DEFAULT_LOCK_TIMEOUT, Duration.ofMillis(50), false);
    }

    public MigrateSettings executing() {
        return new MigrateSettings(url, user, password, dir, true, allowDestructive, allowOtherStatements, lockWait, repair, baseline,
                undo, lockTimeout, maxDirectHold, progress);
    }

    /** A version given on the command line; bad input (exit 2) names the option. */
    public static MigrationVersion version(String option, String text) {
        if (text == null) {
            return null;
        }
        try {
            return MigrationVersion.parse(text.startsWith("V") || text.startsWith("v") ? text.substring(1) : text);
        } catch (IllegalArgumentException e) {
            throw OscException.badInput(option + ": " + e.getMessage());
        }
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw OscException.badInput(message);
        }
    }

    @Override
    public String toString() {
        return "dir=" + dir + " execute=" + execute + " allowDestructive=" + allowDestructive + " allowOtherStatements="
                + allowOtherStatements + " lockWaitMs=" + lockWait.toMillis() + " repair=" + repair
                + (baseline == null ? "" : " baseline=" + baseline) + (undo == null ? "" : " undo=" + undo);
    }
}
