package dev.osc.engine.cli;

import dev.osc.engine.control.AdminClient;
import dev.osc.engine.control.RunEndpoint;
import dev.osc.engine.run.Engines;
import dev.osc.engine.run.LeftoverSweep;
import dev.osc.engine.run.OscException;
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
    AdminTarget target;

    @Option(names = "--json", description = "print one JSON object with the result on stdout")
    boolean json;

    @Override
    public Integer call() throws Exception {
        if (target.admin != null) {
            // only a live run answers there: POST /abort, the run removes what it created and exits 1
            AdminClient.Answer answer = target.client().post("/abort", "");
            out.println(json ? answer.body() : "osc: " + AdminClient.field(answer.body(), "message"));
            return 0;
        }
        if (target.url == null || target.table == null) {
            throw OscException.badInput("give --url and --table (a live run is stopped, a crashed run's leftovers removed), or --admin");
        }
        Leftovers leftovers = Engines.leftovers(target.url, target.user, ConnectionMixin.fromEnv("--password-env", target.passwordEnv));
        // a live run with an admin endpoint aborts itself there; one without has its sessions ended
        LeftoverSweep.Outcome outcome = new LeftoverSweep(leftovers, Clock.systemUTC(), Sleeper.SYSTEM)
                .abort(target.table, RunEndpoint.abortThrough(leftovers, AdminTarget.token(target.adminTokenEnv)));
        SweepOutput.print(outcome, json, out);
        return outcome.exit().code();
    }

    @Override
    public boolean json() {
        return json;
    }

    @Override
    public RunResult partialResult() {
        return new RunResult().put("table", target.table);
    }
}
