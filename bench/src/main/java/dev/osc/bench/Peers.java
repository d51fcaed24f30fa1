package dev.osc.bench;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** The peers {@code --peers} knows, by name. */
final class Peers {
    static final List<Peer> ALL = List.of(new PgRepackPeer(), new PtOscPeer(), new GhOstPeer());

    private Peers() {
    }

    /** The peers named, in the order given, each once; an unknown name is refused naming the known ones. */
    static List<Peer> parse(List<String> names) {
        Set<String> seen = new LinkedHashSet<>();
        List<Peer> out = new ArrayList<>();
        for (String raw : names) {
            String name = raw.strip();
            if (name.isEmpty() || !seen.add(name)) {
                continue;
            }
            out.add(ALL.stream().filter(p -> p.name().equals(name)).findFirst().orElseThrow(() -> new IllegalArgumentException(
                    "--peers: unknown peer " + name + " (known: " + String.join(", ", ALL.stream().map(Peer::name).toList()) + ")")));
        }
        return out;
    }
}
