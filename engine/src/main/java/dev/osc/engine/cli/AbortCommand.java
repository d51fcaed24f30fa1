package dev.osc.engine.cli;

import dev.osc.engine.control.RunEndpoint;
import dev.osc.engine.run.Engines;
import dev.osc.engine.run.LeftoverSweep;
import dev.osc.engine.run.RunResult;
import dev.osc.engine.shadow.Leftovers;
import dev.osc.throttling.Sleeper;
import java.time.Clock;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code osc abort}: the run on one table stopped (if live) and everything it created removed; the source as it was. */
@Command(name = "abort", mixinStandardHelpOptions = true,
        description = "Abort the osc run on a table: stop it if it is live (through its admin endpoint when it has one), remove everything it created (shadow, fence and "
                + "state tables, replication slot, publication, sentry). The table itself and its old tables are left as they are.")
final class AbortCommand extends Streams implements Callable<Integer>, JsonOutput {
    @Mixin
    ConnectionMixin connection;

    @Option(names = "--table", required = true, paramLabel = "[SCHEMA.]TABLE", description = "the table whose run to abort")
    String table;

    @Option(names = "--json", description = "print one JSON object with the result on stdout")
    boolean json;

    @Option(names = "--admin-token-env", paramLabel = "VAR",
            description = "the environment variable holding the live run's admin token (the run's --admin-token-env)")
    String adminTokenEnv;

    @Override
    public Integer call() throws Exception {
        Leftovers leftovers = Engines.leftovers(connection.url, connection.user, connection.password());
        // a live run with an admin endpoint aborts itself there; one without has its sessions ended
        LeftoverSweep.Outcome outcome = new LeftoverSweep(leftovers, Clock.systemUTC(), Sleeper.SYSTEM)
                .abort(table, RunEndpoint.abortThrough(leftovers, AdminTarget.token(adminTokenEnv)));
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
