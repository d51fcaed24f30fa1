package dev.osc.engine.cli;

import dev.osc.engine.run.Engines;
import dev.osc.engine.run.LeftoverSweep;
import dev.osc.engine.run.RunResult;
import dev.osc.throttling.Sleeper;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code osc cleanup}: what crashed runs left on the whole database, removed; old tables listed, dropped on request. */
@Command(name = "cleanup", mixinStandardHelpOptions = true,
        description = "List and remove what crashed osc runs left on the database (replication slots, publications, shadow, "
                + "fence and state tables), never what a live run holds; list the old tables completed runs kept.")
final class CleanupCommand extends Streams implements Callable<Integer>, JsonOutput {
    @Mixin
    ConnectionMixin connection;

    @Option(names = "--dry-run", description = "list only; remove nothing")
    boolean dryRun;

    @Option(names = "--drop-old-tables-older-than", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "also drop the old tables (_<table>_osc_old) kept longer ago than this, e.g. 7d (default: keep them)")
    Duration dropOlderThan;

    @Option(names = "--json", description = "print one JSON object with the result on stdout")
    boolean json;

    @Override
    public Integer call() throws Exception {
        LeftoverSweep.Outcome outcome = new LeftoverSweep(Engines.leftovers(connection.url, connection.user, connection.password()),
                Clock.systemUTC(), Sleeper.SYSTEM).cleanup(dryRun, dropOlderThan);
        SweepOutput.print(outcome, json, out);
        return outcome.exit().code();
    }

    @Override
    public boolean json() {
        return json;
    }

    @Override
    public RunResult partialResult() {
        return new RunResult();
    }
}
