package dev.osc.engine.cli;

import java.io.PrintStream;

/** Where a command writes: results to {@code out}, progress and messages to {@code err}. */
abstract class Streams {
    PrintStream out = System.out;
    PrintStream err = System.err;

    void use(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }
}
