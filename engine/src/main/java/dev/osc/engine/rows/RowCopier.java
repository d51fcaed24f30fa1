package dev.osc.engine.rows;

import dev.osc.engine.copy.Bound;
import dev.osc.engine.copy.ChunkCopier;
import dev.osc.engine.copy.CopyOutcome;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Keyset chunks copied server side with one {@code INSERT ... SELECT} each, checkpointed in the
 * same transaction (invariant 4). A chunk of the copy loop is copied for the first time, with a
 * plain insert ({@link RowStatements#copyChunk}); should the shadow hold a row of its range, the
 * run stops ({@link ShadowRangeNotEmptyException}). A recopy deletes its range and inserts with
 * {@link RowStatements#recopyChunk}. A chunk that fails with a retriable error (a deadlock or lock
 * wait lost to an application write) is rolled back and copied again: the application wins.
 */
public final class RowCopier implements ChunkCopier {
    private final Connection connection;
    private final RowStatements statements;
    private final KeyBinder binder;
    private final RowRules rules;
    private final UniqueConflictRepair conflicts;
    private final Checkpoint checkpoint;
    private final Retries retries;

    /**
     * {@code connection} is the run's writer connection; the dialect sets it up (manual commit;
     * PostgreSQL: REPEATABLE READ, so a chunk's insert and its unique-conflict repair see one
     * source snapshot, taken after the chunk's bound was published, and the repair converges).
     */
    public RowCopier(Connection connection, RowDialect dialect, Checkpoint checkpoint, Retries retries) throws SQLException {
        dialect.rules().prepare(connection);
        this.connection = connection;
        this.statements = dialect.statements();
        this.binder = dialect.binder();
        this.rules = dialect.rules();
        this.conflicts = new UniqueConflictRepair(dialect);
        this.checkpoint = checkpoint;
        this.retries = retries;
    }

    @Override
    public Optional<List<String>> upperBound(Bound lower, int rows) throws SQLException {
        Optional<List<String>> next = upperBound(connection, statements, binder, lower, Math.max(0, rows - 1));
        connection.commit();
        return next;
    }

    /** The key {@code offset} rows after {@code lower} (past the first), read on {@code c}. */
    static Optional<List<String>> upperBound(Connection c, RowStatements statements, KeyBinder binder, Bound lower, int offset)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(statements.upperBound(lower.kind() == Bound.Kind.KEY))) {
            int i = binder.bindRange(ps, 1, lower, Bound.none());
            ps.setInt(i, offset);
            try (ResultSet rs = ps.executeQuery()) {
                List<List<String>> keys = binder.readKeys(rs);
                return keys.isEmpty() ? Optional.empty() : Optional.of(keys.get(0));
            }
        }
    }

    @Override
    public CopyOutcome copy(Bound lower, Bound upper) throws SQLException {
        return retries.run(connection, () -> {
            List<List<String>> stale = new ArrayList<>();
            long rows = firstPass(lower, upper, stale);
            checkpoint.record(connection, upper, rows);
            connection.commit();
            return new CopyOutcome(rows, stale);
        });
    }

    /** The chunk's insert in a transaction left open; no retry here (a worker that fails is rolled back and its chunk copied again). */
    @Override
    public Staged stage(Bound lower, Bound upper) throws SQLException {
        List<List<String>> stale = new ArrayList<>();
        long rows;
        try {
            rows = firstPass(lower, upper, stale);
        } catch (SQLException | RuntimeException e) {
            rollbackQuietly();
            throw e;
        }
        CopyOutcome outcome = new CopyOutcome(rows, stale);
        return new Staged() {
            @Override
            public CopyOutcome outcome() {
                return outcome;
            }

            @Override
            public void commit() throws SQLException {
                connection.commit();
            }

            @Override
            public void commitWithCheckpoint(long stepRows) throws SQLException {
                checkpoint.record(connection, upper, stepRows);
                connection.commit();
            }

            @Override
            public void rollback() {
                rollbackQuietly();
            }
        };
    }

    private void rollbackQuietly() {
        try {
            connection.rollback();
        } catch (SQLException ignored) {
            // the connection is gone: its transaction with it
        }
    }

    @Override
    public void discardAbove(Bound bound) throws SQLException {
        if (bound.isAll()) {
            return;
        }
        retries.run(connection, () -> {
            try (PreparedStatement ps = connection.prepareStatement(statements.deleteShadowRange(isKey(bound), false))) {
                binder.bindRange(ps, 1, bound, Bound.none());
                ps.executeUpdate();
            }
            connection.commit();
            return null;
        });
    }

    @Override
    public CopyOutcome recopy(Bound lower, Bound upper) throws SQLException {
        return retries.run(connection, () -> {
            try (PreparedStatement ps = connection.prepareStatement(statements.deleteShadowRange(isKey(lower), isKey(upper)))) {
                binder.bindRange(ps, 1, lower, upper);
                ps.executeUpdate();
            }
            List<List<String>> stale = new ArrayList<>();
            long rows = conflicts.insertResolving(connection, statements.recopyChunk(isKey(lower), isKey(upper)),
                    RowSelection.range(lower, upper), stale);
            connection.commit();
            return new CopyOutcome(rows, stale);
        });
    }

    /**
     * The chunk's plain insert. A duplicate error with rows of the range in the shadow is not the
     * data's doing: it stops the run, loudly ({@link ShadowRangeNotEmptyException}); one from
     * another unique key, the range being empty, is the data's and is thrown as it is.
     */
    private long firstPass(Bound lower, Bound upper, List<List<String>> stale) throws SQLException {
        try {
            return conflicts.insertResolving(connection, statements.copyChunk(isKey(lower), isKey(upper)),
                    RowSelection.range(lower, upper), stale);
        } catch (SQLException e) {
            if (rules.isDuplicate(e) && shadowHoldsRowIn(lower, upper)) {
                throw new ShadowRangeNotEmptyException(lower, upper, e);
            }
            throw e;
        }
    }

    /** Read in the chunk's transaction, after its failed insert (undone to its savepoint where a failure aborts the transaction). */
    private boolean shadowHoldsRowIn(Bound lower, Bound upper) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(statements.shadowRowInRange(isKey(lower), isKey(upper)))) {
            binder.bindRange(ps, 1, lower, upper);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    private static boolean isKey(Bound b) {
        return b.kind() == Bound.Kind.KEY;
    }
}
