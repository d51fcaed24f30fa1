package dev.osc.engine.run;

import java.nio.file.Path;

/**
 * How a run is steered while it goes (validated in {@link RunSettings}). The token is held here
 * but never printed ({@link #toString()} says only whether there is one).
 *
 * @param adminPort            {@code --admin-port}: the admin endpoint's port on 127.0.0.1 (0: an ephemeral one); null: no endpoint
 * @param adminToken           the value of {@code --admin-token-env}: every request must carry it; null: none needed
 * @param postponeCutover      {@code --postpone-cutover}: after the checksum, wait for the operator before the swap
 * @param postponeCutoverFlag  {@code --postpone-cutover-flag-file}: the swap waits while this file exists (made at start if missing)
 * @param revertWindow         {@code --revert-window}: how long after the swap the old table is kept in step, so that
 *                             {@code osc revert} can swap it back; null: no window
 */
public record ControlSettings(Integer adminPort, String adminToken, boolean postponeCutover, Path postponeCutoverFlag,
                              java.time.Duration revertWindow) {
    /** No endpoint, nothing postponed (the library's default; the CLI serves an endpoint on an ephemeral port). */
    public static final ControlSettings NONE = new ControlSettings(null, null, false, null);

    public ControlSettings {
        if (revertWindow != null && (revertWindow.isNegative() || revertWindow.isZero())) {
            throw OscException.badInput("--revert-window must be at least 1ms");
        }
    }

    /** No revert window. */
    public ControlSettings(Integer adminPort, String adminToken, boolean postponeCutover, Path postponeCutoverFlag) {
        this(adminPort, adminToken, postponeCutover, postponeCutoverFlag, null);
    }

    /** True when the swap waits for the operator (a command, or the flag file's removal). */
    public boolean postponed() {
        return postponeCutover || postponeCutoverFlag != null;
    }

    @Override
    public String toString() {
        return (adminPort == null ? "" : " adminPort=" + adminPort) + (adminToken == null ? "" : " adminToken=set")
                + (postponeCutover ? " postponeCutover=true" : "")
                + (postponeCutoverFlag == null ? "" : " postponeCutoverFlagFile=" + postponeCutoverFlag)
                + (revertWindow == null ? "" : " revertWindow=" + revertWindow.toMillis() + "ms");
    }
}
