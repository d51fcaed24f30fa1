package dev.osc.engine.run;

/** One database family's implementation of the commands. */
public interface Engine {
    /** Inspects, probes and decides; changes nothing. */
    RunResult plan(RunSettings settings) throws Exception;

    /** Plans, then (with {@code execute}) carries the ALTER out. */
    RunResult alter(RunSettings settings) throws Exception;
}
