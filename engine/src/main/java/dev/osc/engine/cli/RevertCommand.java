package dev.osc.engine.cli;

import dev.osc.engine.control.AdminClient;
import dev.osc.engine.run.ExitStatus;
import dev.osc.engine.run.OscException;
import picocli.CommandLine.Command;

/** {@code osc revert}: {@code POST /revert} on the live run whose revert window is open. */
@Command(name = "revert", mixinStandardHelpOptions = true,
        description = "Swap the old table back within a live run's revert window (alter --revert-window DURATION): the same short "
                + "lock, fence and checksum as the swap, no write made after the swap lost. The run is found through its state row "
                + "(--url, --table) or given with --admin.")
final class RevertCommand extends ControlVerb {
    @Override
    AdminClient.Answer send(AdminClient client) {
        return client.post("/revert", "");
    }

    /** Without a live run there is no window: the refusal says what one would need. */
    @Override
    public Integer call() throws Exception {
        try {
            return super.call();
        } catch (OscException e) {
            if (e.status() == ExitStatus.REFUSED && e.getMessage() != null && e.getMessage().startsWith("no live osc run")) {
                throw OscException.refused(e.getMessage() + ", so no revert window is open: a run keeps the old table in step after "
                        + "its swap only when started with --revert-window DURATION, and only while it runs");
            }
            throw e;
        }
    }
}
