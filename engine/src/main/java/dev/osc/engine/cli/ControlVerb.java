package dev.osc.engine.cli;

import dev.osc.engine.control.AdminClient;
import dev.osc.engine.run.RunResult;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * A verb that talks to a live run's admin endpoint and prints its answer: the message on stdout,
 * or with {@code --json} the endpoint's JSON. Exit 0 ok, 2 bad input, 3 no live run or refused,
 * 1 failed.
 */
abstract class ControlVerb extends Streams implements Callable<Integer>, JsonOutput {
    @Mixin
    AdminTarget target;

    @Option(names = "--json", description = "print the endpoint's JSON answer on stdout")
    boolean json;

    /** Sends this verb's request. */
    abstract AdminClient.Answer send(AdminClient client);

    @Override
    public Integer call() throws Exception {
        AdminClient.Answer answer = send(target.client());
        out.println(json ? answer.body() : "osc: " + AdminClient.field(answer.body(), "message"));
        return 0;
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
