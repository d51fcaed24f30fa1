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
 */
public record ControlSettings(Integer adminPort, String adminToken, boolean postponeCutover, Path postponeCutoverFlag) {
    /** No endpoint, nothing postponed (the library's default; the CLI serves an endpoint on an ephemeral port). */
    public static final ControlSettings NONE = new ControlSettings(null, null, false, null);

    /** True when the swap waits for the operator (a command, or the flag file's removal). */
    public boolean postponed() {
        return postponeCutover || postponeCutoverFlag != null;
    }

    @Override
    public String toString() {
        return (adminPort == null ? "" : " adminPort=" + adminPort) + (adminToken == null ? "" : " adminToken=set")
                + (postponeCutover ? " postponeCutover=true" : "")
                + (postponeCutoverFlag == null ? "" : " postponeCutoverFlagFile=" + postponeCutoverFlag);
    }
}
