package dev.osc.engine.cli;

import dev.osc.engine.control.AdminClient;
import dev.osc.engine.run.OscException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code osc set KEY=VALUE ...}: {@code POST /set} on the live run's admin endpoint; all values are checked before any is set. */
@Command(name = "set", mixinStandardHelpOptions = true,
        description = "Change live settings of a running migration; they take effect at the next chunk. KEY is max-rows-per-second "
                + "(0 = unlimited), chunk-target-ms, or the limit of a signal the run watches (max-load, critical-load, "
                + "max-stream-lag-ms, ...). A bad value changes nothing (exit 2).")
final class SetCommand extends ControlVerb {
    @Parameters(arity = "1..*", paramLabel = "KEY=VALUE", description = "e.g. max-rows-per-second=5000 chunk-target-ms=200")
    List<String> values;

    @Override
    AdminClient.Answer send(AdminClient client) {
        List<String> pairs = new ArrayList<>();
        for (String v : values) {
            int eq = v.indexOf('=');
            if (eq <= 0) {
                throw OscException.badInput("expected KEY=VALUE, got: " + v);
            }
            pairs.add(URLEncoder.encode(v.substring(0, eq), StandardCharsets.UTF_8) + "="
                    + URLEncoder.encode(v.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return client.post("/set", String.join("&", pairs));
    }
}
