package dev.osc.engine.check;

import java.util.List;
import java.util.Locale;

/**
 * The shadow path keeps the key: the probe's key after the ALTER (read as the source's is: its primary
 * key, or on PostgreSQL its replica identity index) must be the source's key, renamed at most.
 */
public final class KeyChangeCheck implements Check {
    private final boolean ignoreCase;

    /** {@code ignoreCase}: whether the dialect's column names compare case-insensitively (MySQL, MariaDB). */
    public KeyChangeCheck(boolean ignoreCase) {
        this.ignoreCase = ignoreCase;
    }

    @Override
    public String name() {
        return "key-change";
    }

    @Override
    public CheckPhase phase() {
        return CheckPhase.PROBED;
    }

    @Override
    public List<String> refusals(CheckContext context) {
        if (!context.table().hasKey()) {
            return List.of();
        }
        CheckContext.Probe probe = context.probe();
        List<String> mappedKey = context.table().keyColumns().stream().map(probe.mapping()::targetOf).toList();
        return normalised(mappedKey).equals(normalised(probe.keyAfter())) ? List.of()
                : List.of("the ALTER changes the " + context.table().keySource() + "; the shadow path keeps the key (use --strategy direct)");
    }

    private List<String> normalised(List<String> names) {
        return ignoreCase ? names.stream().map(n -> n == null ? null : n.toLowerCase(Locale.ROOT)).toList() : names;
    }
}
