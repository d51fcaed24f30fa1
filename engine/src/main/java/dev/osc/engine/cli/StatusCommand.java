package dev.osc.engine.cli;

import dev.osc.engine.control.AdminClient;
import picocli.CommandLine.Command;

/** {@code osc status}: the live run's {@code GET /status}, as JSON on stdout. */
@Command(name = "status", mixinStandardHelpOptions = true,
        description = "Show a live run as JSON: phase, rows copied of the estimate, rate, ETA, chunk size, throttle and its reason, "
                + "stream lag, changed keys waiting, changes applied, the swap's state and the live settings. The run is found "
                + "through its state row (--url, --table) or given with --admin.")
final class StatusCommand extends ControlVerb {
    @Override
    AdminClient.Answer send(AdminClient client) {
        return client.get("/status");
    }

    @Override
    public Integer call() throws Exception {
        out.println(send(target.client()).body());
        return 0;
    }
}
