package dev.osc.engine.scenario;

/** One assertion about a finished run. */
@FunctionalInterface
public interface Check {
    void verify(Run run) throws Exception;
}
