package dev.osc.engine.migrate;

import dev.osc.engine.run.ExitStatus;
import dev.osc.engine.run.RunResult;

/**
 * What one migrate did: its exit status, one line for the operator (no credentials), and the
 * result the CLI prints with {@code --json} (status, run id, every pending statement's verdict and
 * outcome, drift, missing versions).
 */
public record MigrationOutcome(ExitStatus status, String message, RunResult result) {
}
