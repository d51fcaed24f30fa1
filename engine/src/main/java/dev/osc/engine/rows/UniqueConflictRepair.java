package dev.osc.engine.rows;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.util.List;

/**
 * Runs an insert into the shadow; when it hits a unique key other than the primary key, the
 * shadow rows in the way are stale by construction (the source gives that value to another key
 * now): deletes them, reports their keys for a re-read and tries again (invariant 8; never
 * {@code INSERT IGNORE} or {@code REPLACE}, which drop or overwrite the incoming row silently).
 * Where a failed statement aborts the transaction the insert runs inside a savepoint.
 */
final class UniqueConflictRepair {
    private static final int MAX_ROUNDS = 8;

    private final RowStatements statements;
    private final KeyBinder binder;
    private final RowRules rules;

    UniqueConflictRepair(RowDialect dialect) {
        this.statements = dialect.statements();
        this.binder = dialect.binder();
        this.rules = dialect.rules();
    }

    /** Executes {@code insertSql} over {@code rows}; returns the rows inserted, adds stale keys to {@code staleKeys}. */
    long insertResolving(Connection c, String insertSql, RowSelection rows, List<List<String>> staleKeys) throws SQLException {
        for (int round = 1; ; round++) {
            Savepoint sp = rules.failureAbortsTransaction() ? c.setSavepoint() : null;
            try (PreparedStatement ps = c.prepareStatement(insertSql)) {
                binder.bind(c, ps, 1, rows);
                long n = ps.executeLargeUpdate();
                if (sp != null) {
                    c.releaseSavepoint(sp);
                }
                return n;
            } catch (SQLException e) {
                if (sp != null) {
                    c.rollback(sp);
                }
                if (!rules.isDuplicate(e) || round >= MAX_ROUNDS || statements.uniqueKeys() == 0) {
                    throw e;
                }
                if (removeConflicts(c, rows, staleKeys) == 0) {
                    throw e;
                }
            }
        }
    }

    private int removeConflicts(Connection c, RowSelection rows, List<List<String>> staleKeys) throws SQLException {
        int removed = 0;
        for (int unique = 0; unique < statements.uniqueKeys(); unique++) {
            List<List<String>> stale;
            try (PreparedStatement ps = c.prepareStatement(statements.uniqueConflicts(unique, rows))) {
                binder.bind(c, ps, 1, rows);
                try (ResultSet rs = ps.executeQuery()) {
                    stale = binder.readKeys(rs);
                }
            }
            if (!stale.isEmpty() && !statements.uniqueConflictsDelete()) {
                try (PreparedStatement ps = c.prepareStatement(statements.deleteShadowKeys(stale.size()))) {
                    binder.bindKeyList(c, ps, 1, stale);
                    ps.executeUpdate();
                }
            }
            removed += stale.size();
            staleKeys.addAll(stale);
        }
        return removed;
    }
}
