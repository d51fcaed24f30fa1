package dev.osc.engine.cli;

import dev.osc.engine.control.AdminClient;
import picocli.CommandLine.Command;

/** {@code osc pause}: {@code POST /pause} on the live run's admin endpoint. */
@Command(name = "pause", mixinStandardHelpOptions = true,
        description = "Pause the copy of a live run: it stops before its next chunk; changes are still applied to the shadow. The run is found through its state row (--url, --table) or given with --admin.")
final class PauseCommand extends ControlVerb {
    @Override
    AdminClient.Answer send(AdminClient client) {
        return client.post("/pause", "");
    }
}
