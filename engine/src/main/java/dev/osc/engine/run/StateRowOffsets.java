package dev.osc.engine.run;

import dev.osc.cdc.OffsetJournal;
import dev.osc.engine.shadow.RunState;
import dev.osc.engine.shadow.ShadowDialect;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * The change stream's offsets kept in the run's state row, on a connection of their own (the
 * stream's flush thread writes them), opened when the stream first asks.
 */
final class StateRowOffsets implements OffsetJournal {
    private final ShadowDialect dialect;
    private final CopySignals.Opener open;
    private RunState state;
    private Connection connection;
    private volatile boolean saved;

    StateRowOffsets(ShadowDialect dialect, CopySignals.Opener open) {
        this.dialect = dialect;
        this.open = open;
    }

    @Override
    public synchronized String load() throws SQLException {
        return state().offsets(connection);
    }

    @Override
    public synchronized void save(String offsets) throws SQLException {
        state().saveOffsets(connection, offsets);
        saved = true;
    }

    /** The state row holds a position saved before the stream started (its pinned start). */
    void savedBeforeStart() {
        saved = true;
    }

    /** Whether this run's stream saved a position yet: a run stopped from now on resumes from one. */
    boolean saved() {
        return saved;
    }

    private RunState state() throws SQLException {
        if (state == null) {
            connection = open.open("osc offsets ");
            state = new RunState(dialect.helperTables(), dialect.names());
        }
        return state;
    }
}
