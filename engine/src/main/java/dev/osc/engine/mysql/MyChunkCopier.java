package dev.osc.engine.mysql;

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

/**
 * Keyset chunks copied server side with one {@code INSERT ... SELECT ... LOCK IN SHARE MODE}
 * each, checkpointed in the same transaction. A chunk that loses a deadlock or a lock wait to an
 * application write is rolled back and copied again: the application's write wins.
 */
public final class MyChunkCopier implements ChunkCopier {
    private static final int RETRIES = 20;

    private final Connection connection;
    private final MyStatements statements;
    private final RunState state;
    private final MyUniqueConflicts conflicts;
    private final Consumer<List<String>> staleKeys;

    public MyChunkCopier(Connection connection, MyStatements statements, RunState state, Consumer<List<String>> staleKeys)
            throws SQLException {
        connection.setAutoCommit(false);
        try (var st = connection.createStatement()) {
            st.execute("SET SESSION innodb_lock_wait_timeout = 2");
        }
        this.connection = connection;
        this.statements = statements;
        this.state = state;
        this.conflicts = new MyUniqueConflicts(statements);
        this.staleKeys = staleKeys;
    }

    @Override
    public Optional<List<String>> upperBound(Bound lower, int rows) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(statements.upperBound(lower.kind() == Bound.Kind.KEY))) {
            int i = MyBinder.bindRange(ps, 1, statements.comparisonOrder(), lower, Bound.none());
            ps.setInt(i, Math.max(0, rows - 1));
            try (ResultSet rs = ps.executeQuery()) {
                List<List<String>> keys = MyBinder.readKeys(rs, statements.keySize());
                connection.commit();
                return keys.isEmpty() ? Optional.empty() : Optional.of(keys.get(0));
            }
        }
    }

    @Override
    public long copy(Bound lower, Bound upper) throws SQLException, InterruptedException {
        return retrying(() -> {
            List<List<String>> stale = new ArrayList<>();
            long rows = conflicts.insertResolving(connection, statements.copyChunk(isKey(lower), isKey(upper)),
                    range(lower, upper), stale);
            state.checkpoint(connection, upper, rows);
            connection.commit();
            stale.forEach(staleKeys);
            return rows;
        });
    }

    @Override
    public long recopy(Bound lower, Bound upper) throws SQLException, InterruptedException {
        return retrying(() -> {
            try (PreparedStatement ps = connection.prepareStatement(statements.deleteShadowRange(isKey(lower), isKey(upper)))) {
                MyBinder.bindRange(ps, 1, statements.comparisonOrder(), lower, upper);
                ps.executeUpdate();
            }
            List<List<String>> stale = new ArrayList<>();
            long rows = conflicts.insertResolving(connection, statements.copyChunk(isKey(lower), isKey(upper)),
                    range(lower, upper), stale);
            connection.commit();
            stale.forEach(staleKeys);
            return rows;
        });
    }

    /** A unit of work on the copier's connection that commits on its own. */
    @FunctionalInterface
    interface Work {
        long run() throws SQLException;
    }

    private long retrying(Work work) throws SQLException, InterruptedException {
        for (int attempt = 1; ; attempt++) {
            try {
                return work.run();
            } catch (SQLException e) {
                rollbackQuietly(connection, e);
                if (!MyErrors.isRetriable(e) || attempt >= RETRIES) {
                    throw e;
                }
                Thread.sleep(Math.min(1000, 20L * attempt));
            }
        }
    }

    private MyUniqueConflicts.Selection range(Bound lower, Bound upper) {
        int[] order = statements.comparisonOrder();
        return new MyUniqueConflicts.Selection() {
            @Override
            public String filter(MyStatements s) {
                return s.rangeFilter(isKey(lower), isKey(upper));
            }

            @Override
            public int bind(PreparedStatement ps, int index) throws SQLException {
                return MyBinder.bindRange(ps, index, order, lower, upper);
            }
        };
    }

    static boolean isKey(Bound b) {
        return b.kind() == Bound.Kind.KEY;
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
}
