package dev.osc.engine.mysql;

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
 * Applies dirty keys: deletes their shadow rows and re-reads them from the source with a locking
 * read (which waits for any writer still committing, invariant 7), in one transaction, only for
 * keys at or below the committed watermark. Deadlocks and lock waits lost to the application
 * are rolled back and retried.
 */
public final class MyKeyApplier implements KeyApplier {
    private static final int RETRIES = 20;

    private final Connection connection;
    private final MyStatements statements;
    private final MyUniqueConflicts conflicts;

    public MyKeyApplier(Connection connection, MyStatements statements) throws SQLException {
        connection.setAutoCommit(false);
        try (var st = connection.createStatement()) {
            st.execute("SET SESSION innodb_lock_wait_timeout = 2");
        }
        this.connection = connection;
        this.statements = statements;
        this.conflicts = new MyUniqueConflicts(statements);
    }

    @Override
    public ApplyOutcome apply(KeyBatch batch, Bound upTo) throws SQLException, InterruptedException {
        if (upTo.isNone()) {
            return new ApplyOutcome(true, 0, List.of());
        }
        for (int attempt = 1; ; attempt++) {
            try {
                try (PreparedStatement ps = connection.prepareStatement(statements.deleteShadowKeys(batch.size()))) {
                    MyBinder.bindKeyList(ps, 1, batch.keys());
                    ps.executeUpdate();
                }
                boolean bounded = !upTo.isAll();
                List<List<String>> stale = new ArrayList<>();
                long written = conflicts.insertResolving(connection, statements.insertKeys(batch.size(), bounded),
                        new MyUniqueConflicts.Selection() {
                            @Override
                            public String filter(MyStatements s) {
                                return s.keyListFilter(batch.size(), bounded);
                            }

                            @Override
                            public int bind(PreparedStatement ps, int index) throws SQLException {
                                index = MyBinder.bindKeyList(ps, index, batch.keys());
                                return bounded ? MyBinder.bindComparison(ps, index, statements.comparisonOrder(), upTo.key()) : index;
                            }
                        }, stale);
                connection.commit();
                return new ApplyOutcome(true, written, stale);
            } catch (SQLException e) {
                MyChunkCopier.rollbackQuietly(connection, e);
                if (!MyErrors.isRetriable(e) || attempt >= RETRIES) {
                    throw e;
                }
                Thread.sleep(Math.min(1000, 20L * attempt));
            }
        }
    }
}
