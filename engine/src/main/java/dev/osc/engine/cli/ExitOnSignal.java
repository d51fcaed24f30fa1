package dev.osc.engine.cli;

import dev.osc.engine.run.ExitStatus;
import dev.osc.engine.run.ShutdownSignal;
import java.util.List;
import sun.misc.Signal;

/**
 * SIGTERM and Ctrl-C (SIGINT) end the process with the documented exit status 1 (a run's shutdown
 * hook has removed what it created) rather than the JVM's 128 + signal, and the hook's last line
 * names the signal. Where a handler cannot be installed (the JVM runs with -Xrs) the JVM's own
 * handling stays: the hook still cleans up, and the status is 143 or 130.
 */
final class ExitOnSignal {
    private ExitOnSignal() {
    }

    static void install() {
        for (String name : List.of("TERM", "INT")) {
            try {
                Signal.handle(new Signal(name), signal -> {
                    ShutdownSignal.heard("SIG" + signal.getName());
                    String line = ShutdownSignal.unreportedLine();
                    if (line != null) {
                        System.err.println(line);
                    }
                    System.exit(ExitStatus.FAILED.code());
                });
            } catch (IllegalArgumentException unavailable) {
                // the JVM keeps this signal for itself
            }
        }
    }
}
