package dev.osc.engine.pg;

import dev.osc.engine.model.TableName;
import java.util.Locale;

/** The names of everything one run creates, derived from the table and the run id. */
public record PgRunNames(TableName source, String runId) implements dev.osc.engine.shadow.RunNames {

    public TableName shadow() {
        return new TableName(source.schema(), PgIdentifiers.derivedName("_", source.name(), "_osc_new"));
    }

    public TableName old() {
        return new TableName(source.schema(), PgIdentifiers.derivedName("_", source.name(), "_osc_old"));
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
