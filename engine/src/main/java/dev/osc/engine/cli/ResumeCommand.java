package dev.osc.engine.cli;

import dev.osc.engine.control.AdminClient;
import picocli.CommandLine.Command;

/** {@code osc resume}: {@code POST /resume} on the live run's admin endpoint. */
@Command(name = "resume", mixinStandardHelpOptions = true,
        description = "Resume the copy of a live run paused by osc pause. The run is found through its state row (--url, --table) or given with --admin.")
final class ResumeCommand extends ControlVerb {
    @Override
    AdminClient.Answer send(AdminClient client) {
        return client.post("/resume", "");
    }
}
