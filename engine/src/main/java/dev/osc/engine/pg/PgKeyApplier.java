package dev.osc.engine.pg;

import dev.osc.engine.copy.ApplyOutcome;
import dev.osc.engine.copy.Bound;
import dev.osc.engine.copy.KeyApplier;
import dev.osc.engine.copy.KeyBatch;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Applies dirty keys: checks that every transaction of the batch is visible in its own snapshot
 * (invariant 7), deletes the keys' shadow rows and re-reads them from the source, all in one
 * transaction. On the run's applier connection it uses REPEATABLE READ and commits; on the
 * connection that holds the cut-over lock it runs inside that transaction and leaves it open.
 */
public final class PgKeyApplier implements KeyApplier {
    private final Connection connection;
    private final PgStatements statements;
    private final PgUniqueConflicts conflicts;
    private final boolean ownsTransaction;

    private PgKeyApplier(Connection connection, PgStatements statements, boolean ownsTransaction) {
        this.connection = connection;
        this.statements = statements;
        this.conflicts = new PgUniqueConflicts(statements);
        this.ownsTransaction = ownsTransaction;
    }

    /** An applier that owns {@code connection} and commits each batch. */
    public static PgKeyApplier committing(Connection connection, PgStatements statements) throws SQLException {
        connection.setAutoCommit(false);
        connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
        return new PgKeyApplier(connection, statements, true);
    }

    /** An applier that works inside the caller's open transaction (the cut-over lock). */
    public static PgKeyApplier inTransaction(Connection connection, PgStatements statements) {
        return new PgKeyApplier(connection, statements, false);
    }

    @Override
    public ApplyOutcome apply(KeyBatch batch, Bound upTo) throws SQLException {
        try {
            if (!allVisible(batch)) {
                finish(false);
                return ApplyOutcome.notVisibleYet();
            }
            if (upTo.isNone()) {
                finish(true);
                return new ApplyOutcome(true, 0, List.of());
            }
            try (PreparedStatement ps = connection.prepareStatement(statements.deleteShadowKeys())) {
                PgBinder.bindKeyList(connection, ps, 1, batch.keys(), statements.keySize());
                ps.executeUpdate();
            }
            List<List<String>> stale = new ArrayList<>();
            long written = conflicts.insertResolving(connection, statements.insertKeys(!upTo.isAll()),
                    new KeySelection(batch.keys(), upTo, statements.keySize()), stale);
            finish(true);
            return new ApplyOutcome(true, written, stale);
        } catch (SQLException | RuntimeException e) {
            if (ownsTransaction) {
                PgChunkCopier.rollbackQuietly(connection, e);
            }
            throw e;
        }
    }

    private boolean allVisible(KeyBatch batch) throws SQLException {
        Long[] ids = batch.txIds().toArray(new Long[0]);
        try (PreparedStatement ps = connection.prepareStatement(PgStatements.allVisible())) {
            ps.setArray(1, connection.createArrayOf("bigint", ids));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
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

    private record KeySelection(List<List<String>> keys, Bound upTo, int width) implements PgUniqueConflicts.RowSelection {
        @Override
        public int bind(Connection c, PreparedStatement ps, int index) throws SQLException {
            index = PgBinder.bindKeyList(c, ps, index, keys, width);
            if (upTo.kind() == Bound.Kind.KEY) {
                index = PgBinder.bindKey(ps, index, upTo.key());
            }
            return index;
        }

        @Override
        public boolean byKeyList() {
            return true;
        }

        @Override
        public Bound lower() {
            return Bound.none();
        }

        @Override
        public Bound upper() {
            return upTo;
        }
    }
}
