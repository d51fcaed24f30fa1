package dev.osc.engine.cli;

import dev.osc.engine.control.AdminClient;
import picocli.CommandLine.Command;

/** {@code osc cutover}: {@code POST /cutover} on the live run's admin endpoint. */
@Command(name = "cutover", mixinStandardHelpOptions = true,
        description = "Let a live run's postponed swap (--postpone-cutover, --postpone-cutover-flag-file) go ahead. The run is found through its state row (--url, --table) or given with --admin.")
final class CutoverCommand extends ControlVerb {
    @Override
    AdminClient.Answer send(AdminClient client) {
        return client.post("/cutover", "");
    }
}
