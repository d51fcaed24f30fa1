package dev.osc.engine.scenario;

/** One assertion about a finished run. */
@FunctionalInterface
public interface Check {
    void verify(Run run) throws Exception;

    /** True when the check compares the whole database with its state before the run (taken only then: it reads every table). */
    default boolean needsDatabaseBefore() {
        return false;
    }
}
