package dev.osc.engine.pg;

import dev.osc.engine.copy.Bound;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.util.List;

/**
 * Runs an insert into the shadow inside a savepoint; when it hits a unique key other than the
 * primary key, the shadow row in the way is stale by construction (the source gives that value
 * to another key now). Deletes such rows, reports their keys for a re-read, and tries again
 * (invariant 8: never drop the incoming row, as REPLACE would).
 */
final class PgUniqueConflicts {
    private static final int MAX_ROUNDS = 8;

    private final PgStatements statements;

    PgUniqueConflicts(PgStatements statements) {
        this.statements = statements;
    }

    /** How the incoming source rows are chosen: by key list or by key range. */
    interface RowSelection {
        int bind(Connection c, PreparedStatement ps, int index) throws SQLException;

        boolean byKeyList();

        Bound lower();

        Bound upper();
    }

    /** Executes {@code insert} (already bound by {@code binder}); returns rows inserted. */
    long insertResolving(Connection c, String insertSql, RowSelection rows, List<List<String>> staleKeys)
            throws SQLException {
        for (int round = 1; ; round++) {
            Savepoint sp = c.setSavepoint();
            try (PreparedStatement ps = c.prepareStatement(insertSql)) {
                rows.bind(c, ps, 1);
                long n = ps.executeLargeUpdate();
                c.releaseSavepoint(sp);
                return n;
            } catch (SQLException e) {
                c.rollback(sp);
                if (!PgErrors.is(e, PgErrors.UNIQUE_VIOLATION) || round >= MAX_ROUNDS
                        || statements.pair().shadowUniqueKeys().isEmpty()) {
                    throw e;
                }
                int removed = removeConflicts(c, rows, staleKeys);
                if (removed == 0) {
                    throw e;
                }
            }
        }
    }

    private int removeConflicts(Connection c, RowSelection rows, List<List<String>> staleKeys) throws SQLException {
        int removed = 0;
        for (PgTablePair.UniqueKey unique : statements.pair().shadowUniqueKeys()) {
            String sql = statements.deleteUniqueConflicts(unique, rows.byKeyList(),
                    rows.lower().kind() == Bound.Kind.KEY, rows.upper().kind() == Bound.Kind.KEY);
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                rows.bind(c, ps, 1);
                try (ResultSet rs = ps.executeQuery()) {
                    List<List<String>> keys = PgBinder.readKeys(rs, statements.keySize());
                    removed += keys.size();
                    staleKeys.addAll(keys);
                }
            }
        }
        return removed;
    }
}
