package dev.osc.engine.mysql;

import static dev.osc.engine.mysql.MyIdentifiers.quote;

import dev.osc.engine.copy.Checksum;
import dev.osc.engine.copy.KeyApplier;
import dev.osc.engine.model.TableInfo;
import dev.osc.engine.rows.ChunkChecksum;
import dev.osc.engine.rows.RowDialect;
import dev.osc.engine.run.RunResult;
import dev.osc.engine.shadow.Reversal;
import dev.osc.engine.shadow.RunState;
import dev.osc.engine.shadow.WriterHold;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;

/**
 * The MySQL-family revert window: right after the swap the old table (under the sentry's name)
 * takes the shadow's, which sorts after the table's own, so the swap back is the swap itself:
 * {@link MySwap}'s two-connection rename queues on the table ahead of every writer. The stream
 * reads the shadow's events too (its definition is then known when it takes the table's name).
 */
final class MyReversal implements Reversal {
    private final MyShadowDialect forward;
    private final MyRunNames names;
    private final Duration lockTimeout;
    private final RunState state;
    private final MyStatements statements;
    private final RowDialect rows;

    MyReversal(MyShadowDialect forward, MyRunNames names, TableInfo old, MyTablePair pair, Duration lockTimeout, RunState state) {
        this.forward = forward;
        this.names = names;
        this.lockTimeout = lockTimeout;
        this.state = state;
        this.statements = new MyStatements(pair.reversed(names.source(), names.shadow(), old.indexes()));
        this.rows = MyRowRules.dialect(statements);
    }

    @Override
    public void open(Connection c) throws SQLException {
        c.setAutoCommit(true);
        try (Statement st = c.createStatement()) {
            st.execute("RENAME TABLE " + quote(names.sentry()) + " TO " + quote(names.shadow()));
            // marked as the old table it is: osc abort and cleanup never take it for a shadow
            forward.markOldTable(st, names.shadow());
        }
    }

    @Override
    public RowDialect rows() {
        return rows;
    }

    @Override
    public List<String> definition(Connection c) throws SQLException {
        return new MyInspector(c).definition(names.source());
    }

    @Override
    public Checksum checksum(Connection c) {
        return new ChunkChecksum(rows, statements, 50_000);
    }

    @Override
    public WriterHold checksumHold(Connection lock, KeyApplier committingApplier, List<Connection> snapshots) {
        return new MyWriterHold(lock, names, lockTimeout, MyShadowDialect.lockHolderApplier(lock, rows), false,
                hold -> MyConsistentSnapshots.open(snapshots), () -> { });
    }

    @Override
    public WriterHold swapBackHold(Connection lock, Connection second) {
        MySwap swap = new MySwap(lock, second, names);
        return new MyWriterHold(lock, names, lockTimeout, MyShadowDialect.lockHolderApplier(lock, rows), true, hold -> {
            swap.execute(hold);
            // the rename is DDL of its own: recorded right after it (the catalog decides the moment in between)
            state.phase(second, RunState.REVERTED);
        }, swap::cancel);
    }

    /** The new table, under the sentry's name since the swap back, is dropped: every row of it is in the table again. */
    @Override
    public void afterRevert(Connection c, RunResult result) throws SQLException {
        c.setAutoCommit(true);
        try (Statement st = c.createStatement()) {
            st.execute("DROP TABLE " + quote(names.sentry()));
            forward.unmarkRestored(st);
        }
        result.put("oldTable", null);
    }

    @Override
    public void close(Connection c, boolean dropOld, RunResult result) throws SQLException {
        forward.setAside(c, names.shadow(), dropOld, result);
    }

    @Override
    public String oldTable() {
        return names.shadow().toString();
    }
}
