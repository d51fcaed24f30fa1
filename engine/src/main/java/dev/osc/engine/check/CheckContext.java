package dev.osc.engine.check;

import dev.osc.engine.model.ColumnMapping;
import dev.osc.engine.model.TableInfo;
import dev.osc.engine.model.TableName;
import java.sql.Connection;
import java.util.List;
import java.util.Objects;

/**
 * What the checks read: the table as inspected, the ALTER clause's facts, the tables the run
 * will create (named by the dialect's run names), a connection for server facts, and, from the
 * {@link CheckPhase#PROBED} phase on, what the ALTER did to the probe.
 */
public record CheckContext(Connection connection, TableInfo table, ClauseFacts clause, List<TableName> runTables,
                           Probe probe, String resumedRun) {

    /** The probe's reading: the column mapping and the key after the ALTER. */
    public record Probe(ColumnMapping mapping, List<String> keyAfter) {
    }

    public CheckContext {
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(clause, "clause");
        runTables = List.copyOf(runTables);
    }

    /** The context before the probe. */
    public static CheckContext beforeProbe(Connection connection, TableInfo table, ClauseFacts clause, List<TableName> runTables) {
        return new CheckContext(connection, table, clause, runTables, null, null);
    }

    /**
     * The context of a run that resumes run {@code runId} (after a crash): what that run created
     * is the run's own, not a leftover; {@code runTables} then lists only what is still to create.
     */
    public static CheckContext resuming(Connection connection, TableInfo table, ClauseFacts clause, List<TableName> runTables,
                                        String runId) {
        return new CheckContext(connection, table, clause, runTables, null, runId);
    }

    public CheckContext probed(Probe reading) {
        return new CheckContext(connection, table, clause, runTables, Objects.requireNonNull(reading, "probe"), resumedRun);
    }

    /** The probe's reading; only checks of the {@link CheckPhase#PROBED} phase or later may ask. */
    @Override
    public Probe probe() {
        if (probe == null) {
            throw new IllegalStateException("the probe has not run yet: a check that reads it belongs to phase PROBED or later");
        }
        return probe;
    }
}
