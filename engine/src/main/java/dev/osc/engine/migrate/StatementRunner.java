package dev.osc.engine.migrate;

import dev.osc.engine.run.Connector;
import dev.osc.engine.run.Engines;
import dev.osc.engine.run.Orchestrator;
import dev.osc.engine.run.RunProgress;
import dev.osc.engine.run.RunResult;
import dev.osc.engine.rows.Retries;
import dev.osc.engine.script.AlterStatement;
import java.io.PrintStream;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.Optional;

/**
 * Carries one statement out: an ALTER TABLE through the osc engine (its plan decides direct or
 * shadow, its gates apply again), a CREATE INDEX on a table with rows built online (PostgreSQL:
 * concurrently, outside a transaction; an invalid index a failed build left is dropped), any other
 * statement directly under a short lock timeout (on PostgreSQL in one transaction with its history
 * row), retried when the lock is not granted in time (writers never queue behind it for long). Returns the strategy and what the engine reported.
 */
final class StatementRunner {
    private final MigrateSettings settings;
    private final MigrationDialect dialect;
    private final Connection connection;
    private final PrintStream log;
    private final Clock clock;
    /** Whether the session lets an autovacuum give way ({@link MigrationDialect#yieldingWaits}); null until tried. */
    private Boolean yielding;

    /** How a statement ran: the strategy recorded in the history, and the engine's result for an ALTER. */
    record Ran(String strategy, RunResult engine) {
    }

    /**
     * Writes the statement's history row once it has been applied: inside the statement's own
     * transaction where the database's DDL is transactional (PostgreSQL), so that the statement and its
     * row commit together; right after it elsewhere.
     */
    @FunctionalInterface
    interface Recorder {
        void applied(String strategy) throws SQLException;
    }

    StatementRunner(MigrateSettings settings, MigrationDialect dialect, Connection connection, PrintStream log, Clock clock) {
        this.settings = settings;
        this.dialect = dialect;
        this.connection = connection;
        this.log = log;
        this.clock = clock;
    }

    Ran run(PendingStatement p, Recorder recorder) throws Exception {
        Directives d = Directives.parse(p.statement().directives());
        switch (p.kind()) {
            case ALTER_TABLE -> {
                AlterStatement alter = AlterStatement.parse(p.text());
                RunResult result = Engines.forUrl(settings.url(), log, clock, new RunProgress()).alter(AlterSettings.of(settings, alter, d, true));
                recorder.applied(String.valueOf(result.get("strategy")));
                return new Ran(String.valueOf(result.get("strategy")), result);
            }
            case CREATE_INDEX -> {
                Optional<CreateIndexStatement> index = CreateIndexStatement.parse(p.text());
                Optional<String> online = index.flatMap(dialect::online);
                if (online.isPresent() && dialect.tableExists(connection, index.get().table())
                        && !dialect.tableEmpty(connection, index.get().table())) {
                    concurrently(index.get(), online.get());
                    recorder.applied("concurrently");
                    return new Ran("concurrently", null);
                }
                direct(p.text(), recorder);
                return new Ran("direct", null);
            }
            default -> {
                direct(p.text(), recorder);
                return new Ran("direct", null);
            }
        }
    }

    private void direct(String sql, Recorder recorder) throws SQLException {
        if (dialect.transactionalDdl()) {
            try {
                inTransaction(sql, recorder);
                return;
            } catch (SQLException e) {
                if (!dialect.mustRunOutsideTransaction(e)) {
                    throw e;
                }
            }
        }
        connection.setAutoCommit(true);
        letAutovacuumYield();
        try {
            retries().run(connection, () -> {
                try (Statement st = connection.createStatement()) {
                    st.execute(dialect.lockTimeout(settings.lockTimeout()));
                    st.execute(sql);
                    return null;
                }
            });
        } finally {
            reset();
        }
        recorder.applied("direct");
    }

    /** The statement and its history row in one transaction, retried whole (rolled back first) when the lock is not granted in time. */
    private void inTransaction(String sql, Recorder recorder) throws SQLException {
        letAutovacuumYield();
        try {
            retries().run(connection, () -> {
                connection.setAutoCommit(false);
                try (Statement st = connection.createStatement()) {
                    st.execute(dialect.lockTimeout(settings.lockTimeout()));
                    st.execute(sql);
                }
                recorder.applied("direct");
                connection.commit();
                return null;
            });
        } finally {
            connection.setAutoCommit(true);
            reset();
        }
    }

    /** An online build does not block writers, so it may wait for its lock as long as the server lets it; a lost deadlock is retried. */
    private void concurrently(CreateIndexStatement index, String sql) throws SQLException {
        connection.setAutoCommit(true);
        reset();
        retries().run(connection, () -> {
            try (Statement st = connection.createStatement()) {
                st.execute(sql);
                return null;
            } catch (SQLException e) {
                try {
                    dialect.dropFailedBuild(connection, index);
                } catch (SQLException dropping) {
                    e.addSuppressed(dropping);
                }
                throw e;
            }
        });
    }

    private Retries retries() {
        return Orchestrator.DIRECT_RETRIES.retrying("migrate-direct", dialect::isRetriable);
    }

    private void reset() throws SQLException {
        try (Statement st = connection.createStatement()) {
            st.execute(dialect.resetLockTimeout());
            if (Boolean.TRUE.equals(yielding)) {
                st.execute(dialect.resetYieldingWaits());
                yielding = null;
            }
        }
    }

    /**
     * Once per statement, outside its transaction: an autovacuum in its way gives way before the lock
     * timeout. A role that may not (deadlock_timeout is a superuser's setting) is told once; the
     * statement then waits and retries as before.
     */
    private void letAutovacuumYield() {
        String sql = dialect.yieldingWaits(settings.lockTimeout());
        if (sql == null || yielding != null) {
            return;
        }
        try (Statement st = connection.createStatement()) {
            connection.setAutoCommit(true);
            st.execute(sql);
            yielding = true;
        } catch (SQLException e) {
            yielding = false;
            log.println("osc: migrate: an autovacuum in a statement's way is waited for, not made to give way: "
                    + Connector.oneLine(e));
        }
    }
}
