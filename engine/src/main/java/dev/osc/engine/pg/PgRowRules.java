package dev.osc.engine.pg;

import dev.osc.engine.rows.RowDialect;
import dev.osc.engine.rows.RowRules;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;

/**
 * PostgreSQL's rules for the row mechanisms: REPEATABLE READ sessions, the visibility check of
 * invariant 7 ({@code pg_visible_in_snapshot} over the batch's transaction ids), a failed
 * statement aborts the transaction, errors by SQLSTATE.
 */
public final class PgRowRules implements RowRules {

    /** The facets over {@code statements}. */
    public static RowDialect dialect(PgStatements statements) {
        return new RowDialect(statements, new PgBinder(statements.keySize()), new PgRowRules());
    }

    @Override
    public void prepare(Connection c) throws SQLException {
        c.setAutoCommit(false);
        c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
    }

    @Override
    public boolean visible(Connection c, List<Long> txIds) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(PgStatements.allVisible())) {
            ps.setArray(1, c.createArrayOf("bigint", txIds.toArray(new Long[0])));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }

    @Override
    public boolean failureAbortsTransaction() {
        return true;
    }

    @Override
    public boolean isDuplicate(SQLException e) {
        return PgErrors.is(e, PgErrors.UNIQUE_VIOLATION);
    }

    @Override
    public boolean isDataError(SQLException e) {
        return PgErrors.isDataError(e);
    }

    @Override
    public boolean isRetriable(Throwable e) {
        return PgErrors.isRetriable(e);
    }
}
