package dev.osc.engine.it;

import dev.osc.engine.run.Engines;
import dev.osc.engine.run.RunProgress;
import dev.osc.engine.run.RunSettings;
import dev.osc.engine.run.Strategy;
import java.time.Clock;
import java.time.Duration;

/**
 * A fault plan for a child JVM: {@code osc alter --execute --strategy shadow} on a table, halted
 * (as by SIGKILL: no shutdown hook, no finally block) the moment the run enters a phase. Arguments:
 * phase, JDBC URL, table, ALTER clause. Exits 137 when halted; a run that never reached the phase
 * exits 0 (or 1 on failure), which the test reports.
 */
public final class HaltAtPhase {
    public static final int HALTED = 137;

    private HaltAtPhase() {
    }

    public static void main(String[] args) throws Exception {
        String phase = args[0];
        RunProgress progress = new RunProgress();
        progress.onPhase(entered -> {
            if (entered.equals(phase)) {
                System.err.println("halting at " + entered);
                System.err.flush();
                Runtime.getRuntime().halt(HALTED);
            }
        });
        // a copy of a few seconds: long enough for the stream to save a position (a sentinel every 2 s moves it on MariaDB)
        RunSettings settings = new RunSettings(args[1], null, null, args[2], args[3], true, Strategy.SHADOW, 5_000,
                Duration.ofMillis(100), false, 0, Duration.ofMillis(200), true, false, false, Duration.ofMillis(50));
        try {
            Engines.forUrl(settings.url(), System.err, Clock.systemUTC(), progress).alter(settings);
            System.exit(0);
        } catch (Exception e) {
            System.err.println("failed: " + e);
            System.exit(1);
        }
    }
}
