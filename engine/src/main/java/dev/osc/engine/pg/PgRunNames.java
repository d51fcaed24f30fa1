package dev.osc.engine.pg;

import dev.osc.engine.model.TableName;
import java.util.Locale;

/**
 * The names of everything one run creates, derived from the table and the run id. {@code reversed}:
 * the names a revert swaps with, the old table in the shadow's place (it takes the table's name
 * back) and the new table parked under the shadow's name.
 */
public record PgRunNames(TableName source, String runId, boolean reversed) implements dev.osc.engine.shadow.RunNames {

    public PgRunNames(TableName source, String runId) {
        this(source, runId, false);
    }

    /** The same run's names for the swap back. */
    public PgRunNames reverse() {
        return new PgRunNames(source, runId, !reversed);
    }

    public TableName shadow() {
        return new TableName(source.schema(), PgIdentifiers.derivedName("_", source.name(), reversed ? "_osc_old" : "_osc_new"));
    }

    public TableName old() {
        return new TableName(source.schema(), PgIdentifiers.derivedName("_", source.name(), reversed ? "_osc_new" : "_osc_old"));
    }

    /** The name an index of the table being swapped out is given: {@code _<index>_osc_old}, or {@code _<index>_osc_rev} on the swap back. */
    public String parkedIndex(String index) {
        return PgIdentifiers.derivedName("_", index, reversed ? "_osc_rev" : "_osc_old");
    }

    public TableName probe() {
        return new TableName(source.schema(), PgIdentifiers.derivedName("_", source.name(), "_osc_probe"));
    }

    public TableName fence() {
        return new TableName(source.schema(), PgIdentifiers.derivedName("_", source.name(), "_osc_fence"));
    }

    public TableName state() {
        return new TableName(source.schema(), PgIdentifiers.derivedName("_", source.name(), "_osc_state"));
    }

    /** Replication slot and publication name: lower case letters, digits and underscores only. */
    public String slot() {
        return "osc_" + runId.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]", "_");
    }

    public String publication() {
        return slot();
    }
}
