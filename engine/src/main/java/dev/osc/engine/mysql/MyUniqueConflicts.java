package dev.osc.engine.mysql;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs an insert into the shadow; when it hits a unique key other than the primary key, the
 * shadow rows in the way are stale by construction: finds them, deletes them, reports their keys
 * for a re-read and tries again (invariant 8; never INSERT IGNORE or REPLACE, which drop or
 * overwrite silently). InnoDB rolls back only the failed statement, so the transaction goes on.
 */
final class MyUniqueConflicts {
    private static final int MAX_ROUNDS = 8;

    /** How the incoming source rows are chosen, and how to bind that choice. */
    interface Selection {
        String filter(MyStatements statements);

        int bind(PreparedStatement ps, int index) throws SQLException;
    }

    private final MyStatements statements;

    MyUniqueConflicts(MyStatements statements) {
        this.statements = statements;
    }

    long insertResolving(Connection c, String insertSql, Selection rows, List<List<String>> staleKeys) throws SQLException {
        for (int round = 1; ; round++) {
            try (PreparedStatement ps = c.prepareStatement(insertSql)) {
                rows.bind(ps, 1);
                return ps.executeLargeUpdate();
            } catch (SQLException e) {
                if (!MyErrors.is(e, MyErrors.DUPLICATE_KEY) || round >= MAX_ROUNDS || statements.pair().uniqueKeys().isEmpty()) {
                    throw e;
                }
                if (removeConflicts(c, rows, staleKeys) == 0) {
                    throw e;
                }
            }
        }
    }

    private int removeConflicts(Connection c, Selection rows, List<List<String>> staleKeys) throws SQLException {
        List<List<String>> stale = new ArrayList<>();
        for (MyTablePair.UniqueKey unique : statements.pair().uniqueKeys()) {
            try (PreparedStatement ps = c.prepareStatement(statements.staleUniqueHolders(unique, rows.filter(statements)))) {
                rows.bind(ps, 1);
                try (ResultSet rs = ps.executeQuery()) {
                    stale.addAll(MyBinder.readKeys(rs, statements.keySize()));
                }
            }
        }
        if (stale.isEmpty()) {
            return 0;
        }
        try (PreparedStatement ps = c.prepareStatement(statements.deleteShadowKeys(stale.size()))) {
            MyBinder.bindKeyList(ps, 1, stale);
            ps.executeUpdate();
        }
        staleKeys.addAll(stale);
        return stale.size();
    }
}
