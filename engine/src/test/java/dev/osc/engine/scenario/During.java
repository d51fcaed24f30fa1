package dev.osc.engine.scenario;

import dev.osc.engine.it.Osc;

/**
 * What happens around the osc run of a scenario: nothing ({@link Stage#run}), or another session
 * holding a lock, a second run, a killed connection, a terminated process. Returns the run's result.
 */
@FunctionalInterface
public interface During {
    Osc around(Stage stage) throws Exception;
}
