package dev.osc.engine.pg;

import dev.osc.engine.copy.Bound;
import dev.osc.engine.copy.ChunkCopier;
import dev.osc.engine.shadow.RunState;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/** Keyset chunks copied server side with one INSERT ... SELECT each, checkpointed in the same transaction. */
public final class PgChunkCopier implements ChunkCopier {
    private final Connection connection;
    private final PgStatements statements;
    private final RunState state;
    private final PgUniqueConflicts conflicts;
    private final Consumer<List<String>> staleKeys;

    /**
     * {@code connection} is the run's writer connection; it is switched to manual commit and
     * REPEATABLE READ, so a chunk's insert and its unique-conflict repair see one source snapshot
     * (taken after the chunk's bound was published) and the repair converges.
     */
    public PgChunkCopier(Connection connection, PgStatements statements, RunState state,
                         Consumer<List<String>> staleKeys) throws SQLException {
        connection.setAutoCommit(false);
        connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
        this.connection = connection;
        this.statements = statements;
        this.state = state;
        this.conflicts = new PgUniqueConflicts(statements);
        this.staleKeys = staleKeys;
    }

    @Override
    public Optional<List<String>> upperBound(Bound lower, int rows) throws SQLException {
        boolean hasLower = lower.kind() == Bound.Kind.KEY;
        try (PreparedStatement ps = connection.prepareStatement(statements.upperBound(hasLower))) {
            int i = PgBinder.bindRange(ps, 1, lower, Bound.none());
            ps.setInt(i, Math.max(0, rows - 1));
            try (ResultSet rs = ps.executeQuery()) {
                List<List<String>> keys = PgBinder.readKeys(rs, statements.keySize());
                connection.commit();
                return keys.isEmpty() ? Optional.empty() : Optional.of(keys.get(0));
            }
        }
    }

    @Override
    public long copy(Bound lower, Bound upper) throws SQLException {
        String sql = statements.copyChunk(lower.kind() == Bound.Kind.KEY, upper.kind() == Bound.Kind.KEY);
        List<List<String>> stale = new ArrayList<>();
        try {
            long rows = conflicts.insertResolving(connection, sql, new RangeSelection(lower, upper), stale);
            state.checkpoint(connection, upper, rows);
            connection.commit();
            stale.forEach(staleKeys);
            return rows;
        } catch (SQLException | RuntimeException e) {
            rollbackQuietly(connection, e);
            throw e;
        }
    }

    @Override
    public long recopy(Bound lower, Bound upper) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(
                statements.deleteShadowRange(lower.kind() == Bound.Kind.KEY, upper.kind() == Bound.Kind.KEY))) {
            PgBinder.bindRange(ps, 1, lower, upper);
            ps.executeUpdate();
            String sql = statements.copyChunk(lower.kind() == Bound.Kind.KEY, upper.kind() == Bound.Kind.KEY);
            List<List<String>> stale = new ArrayList<>();
            long rows = conflicts.insertResolving(connection, sql, new RangeSelection(lower, upper), stale);
            connection.commit();
            stale.forEach(staleKeys);
            return rows;
        } catch (SQLException | RuntimeException e) {
            rollbackQuietly(connection, e);
            throw e;
        }
    }

    static void rollbackQuietly(Connection c, Exception cause) {
        try {
            if (!c.getAutoCommit()) {
                c.rollback();
            }
        } catch (SQLException e) {
            cause.addSuppressed(e);
        }
    }

    private record RangeSelection(Bound lower, Bound upper) implements PgUniqueConflicts.RowSelection {
        @Override
        public int bind(Connection c, PreparedStatement ps, int index) throws SQLException {
            return PgBinder.bindRange(ps, index, lower, upper);
        }

        @Override
        public boolean byKeyList() {
            return false;
        }
    }
}
