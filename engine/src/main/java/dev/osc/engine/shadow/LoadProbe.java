package dev.osc.engine.shadow;

import dev.osc.throttling.Probe;

/** Reads the server's load on its own connection, for {@code --max-load} and {@code --critical-load}. */
public interface LoadProbe extends Probe {

    /** What {@link #read} counts, for the throttle reason ({@code active sessions}). */
    String unit();
}
