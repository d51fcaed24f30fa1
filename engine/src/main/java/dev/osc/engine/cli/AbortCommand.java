package dev.osc.engine.cli;

import dev.osc.engine.run.Engines;
import dev.osc.engine.run.LeftoverSweep;
import dev.osc.engine.run.RunResult;
import dev.osc.throttling.Sleeper;
import java.time.Clock;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code osc abort}: the run on one table stopped (if live) and everything it created removed; the source as it was. */
@Command(name = "abort", mixinStandardHelpOptions = true,
        description = "Abort the osc run on a table: stop it if it is live, remove everything it created (shadow, fence and "
                + "state tables, replication slot, publication, sentry). The table itself and its old tables are left as they are.")
final class AbortCommand extends Streams implements Callable<Integer>, JsonOutput {
    @Mixin
    ConnectionMixin connection;

    @Option(names = "--table", required = true, paramLabel = "[SCHEMA.]TABLE", description = "the table whose run to abort")
    String table;

    @Option(names = "--json", description = "print one JSON object with the result on stdout")
    boolean json;

    @Override
    public Integer call() throws Exception {
        LeftoverSweep.Outcome outcome = new LeftoverSweep(Engines.leftovers(connection.url, connection.user, connection.password()),
                Clock.systemUTC(), Sleeper.SYSTEM).abort(table);
        SweepOutput.print(outcome, json, out);
        return outcome.exit().code();
    }

    @Override
    public boolean json() {
        return json;
    }

    @Override
    public RunResult partialResult() {
        return new RunResult().put("table", table);
    }
}
