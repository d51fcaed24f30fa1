package dev.osc.engine.mysql;

import dev.osc.engine.rows.RowDialect;
import dev.osc.engine.rows.RowRules;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * MariaDB's rules for the row mechanisms: sessions that give up a lock wait after 2 s (the
 * application's write wins, the chunk or batch is retried), nothing to check for invariant 7
 * (the source is read with locking reads, which wait for writers still committing), InnoDB
 * rolls back only the failed statement, errors by server error number.
 */
public final class MyRowRules implements RowRules {

    /** The facets over {@code statements}. */
    public static RowDialect dialect(MyStatements statements) {
        return new RowDialect(statements, new MyBinder(statements.comparisonOrder()), new MyRowRules());
    }

    @Override
    public void prepare(Connection c) throws SQLException {
        c.setAutoCommit(false);
        try (Statement st = c.createStatement()) {
            st.execute("SET SESSION innodb_lock_wait_timeout = 2");
        }
    }

    @Override
    public boolean visible(Connection c, List<Long> txIds) {
        return true;
    }

    @Override
    public boolean failureAbortsTransaction() {
        return false;
    }

    @Override
    public boolean isDuplicate(SQLException e) {
        return MyErrors.is(e, MyErrors.DUPLICATE_KEY);
    }

    @Override
    public boolean isDataError(SQLException e) {
        return MyErrors.isDataError(e);
    }

    @Override
    public boolean isRetriable(Throwable e) {
        return MyErrors.isRetriable(e);
    }
}
