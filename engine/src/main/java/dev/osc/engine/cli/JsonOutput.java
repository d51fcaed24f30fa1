package dev.osc.engine.cli;

import dev.osc.engine.run.RunResult;

/** A command that may print its result as JSON, including what it knew when it failed. */
interface JsonOutput {
    boolean json();

    RunResult partialResult();
}
