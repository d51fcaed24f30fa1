package dev.osc.engine.rows;

import dev.osc.engine.copy.ApplyOutcome;
import dev.osc.engine.copy.Bound;
import dev.osc.engine.copy.KeyApplier;
import dev.osc.engine.copy.KeyBatch;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Applies dirty keys: checks that every transaction of the batch is visible (invariant 7; where
 * the source is read with locking reads there is nothing to check), deletes the keys' shadow rows
 * and re-reads them from the source, only for keys at or below the committed watermark
 * (invariant 3), all in one transaction. A committing applier owns its connection, commits each
 * batch and runs a batch again after a retriable error; an applier inside a transaction (the
 * cut-over lock's) neither commits nor rolls back.
 */
public final class RowApplier implements KeyApplier {
    private final Connection connection;
    private final RowStatements statements;
    private final KeyBinder binder;
    private final RowRules rules;
    private final UniqueConflictRepair conflicts;
    private final boolean ownsTransaction;
    private final Retries retries;

    /** {@code retries} is null for an applier inside the caller's transaction. */
    private RowApplier(Connection connection, RowDialect dialect, Retries retries) {
        this.connection = connection;
        this.statements = dialect.statements();
        this.binder = dialect.binder();
        this.rules = dialect.rules();
        this.conflicts = new UniqueConflictRepair(dialect);
        this.ownsTransaction = retries != null;
        this.retries = retries;
    }

    /** An applier that owns {@code connection} and commits each batch. */
    public static RowApplier committing(Connection connection, RowDialect dialect, Retries retries) throws SQLException {
        dialect.rules().prepare(connection);
        return new RowApplier(connection, dialect, retries);
    }

    /** An applier that works inside the caller's open transaction (the cut-over lock). */
    public static RowApplier inTransaction(Connection connection, RowDialect dialect) {
        return new RowApplier(connection, dialect, null);
    }

    @Override
    public ApplyOutcome apply(KeyBatch batch, Bound upTo) throws SQLException {
        return ownsTransaction ? retries.run(connection, () -> attempt(batch, upTo)) : attempt(batch, upTo);
    }

    private ApplyOutcome attempt(KeyBatch batch, Bound upTo) throws SQLException {
        if (!rules.visible(connection, batch.txIds())) {
            finish(false);
            return ApplyOutcome.notVisibleYet();
        }
        if (upTo.isNone()) {
            finish(true);
            return new ApplyOutcome(true, 0, List.of());
        }
        try (PreparedStatement ps = connection.prepareStatement(statements.deleteShadowKeys(batch.size()))) {
            binder.bindKeyList(connection, ps, 1, batch.keys());
            ps.executeUpdate();
        }
        List<List<String>> stale = new ArrayList<>();
        long written = conflicts.insertResolving(connection, statements.insertKeys(batch.size(), !upTo.isAll()),
                RowSelection.keys(batch.keys(), upTo), stale);
        finish(true);
        return new ApplyOutcome(true, written, stale);
    }

    private void finish(boolean commit) throws SQLException {
        if (!ownsTransaction) {
            return;
        }
        if (commit) {
            connection.commit();
        } else {
            connection.rollback();
        }
    }
}
