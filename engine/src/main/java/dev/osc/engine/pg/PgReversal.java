package dev.osc.engine.pg;

import static dev.osc.engine.pg.PgIdentifiers.quote;

import dev.osc.engine.copy.Checksum;
import dev.osc.engine.copy.KeyApplier;
import dev.osc.engine.model.TableInfo;
import dev.osc.engine.rows.ChunkChecksum;
import dev.osc.engine.rows.RowApplier;
import dev.osc.engine.rows.RowDialect;
import dev.osc.engine.run.RunResult;
import dev.osc.engine.shadow.Reversal;
import dev.osc.engine.shadow.RunState;
import dev.osc.engine.shadow.WriterHold;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * PostgreSQL's revert window: the run's publication follows the new table from the swap's commit
 * on (moved in the swap's own transaction), the old table {@code _<table>_osc_old} is kept in step
 * through the reverse mapping, and the swap back is {@link PgSwap} over the reversed names: the
 * old table takes the table's name, its indexes their names, the sequences and foreign keys move
 * back; the new table is parked under the shadow's name and dropped after the commit.
 */
final class PgReversal implements Reversal {
    private final PgShadowDialect forward;
    private final PgRunNames names;
    private final TableInfo old;
    private final ShadowReading created;
    private final Duration lockTimeout;
    private final RunState state;
    private final PgStatements statements;
    private final RowDialect rows;
    private final PgSwap swapBack;

    PgReversal(PgShadowDialect forward, PgRunNames names, TableInfo old, ShadowReading created, PgTablePair pair,
               Duration lockTimeout, RunState state) {
        this.forward = forward;
        this.names = names.reverse();
        this.old = old;
        this.created = created;
        this.lockTimeout = lockTimeout;
        this.state = state;
        this.statements = new PgStatements(pair.reversed(names.source(), names.old(), old.indexes(), old.columns().stream().anyMatch(c -> c.identity())));
        this.rows = PgRowRules.dialect(statements);
        Map<String, String> indexNames = new LinkedHashMap<>();
        for (String index : created.indexNames().keySet()) {
            indexNames.put(index, names.parkedIndex(index));
        }
        this.swapBack = new PgSwap(this.names, created.mapping().reversed(), indexNames, "", List.of(), List.of());
    }

    @Override
    public void open(Connection c) throws SQLException {
        forward.releaseOld(c);
    }

    @Override
    public RowDialect rows() {
        return rows;
    }

    @Override
    public List<String> definition(Connection c) throws SQLException {
        return new PgInspector(c).definition(created.oid());
    }

    @Override
    public Checksum checksum(Connection c) throws SQLException {
        return new ChunkChecksum(rows, statements.checksum(false), 50_000);
    }

    @Override
    public WriterHold checksumHold(Connection lock, KeyApplier committingApplier, List<Connection> snapshots) {
        return new PgWriterHold(lock, names, "EXCLUSIVE", lockTimeout, committingApplier, true,
                holder -> PgSharedSnapshot.open(snapshots), false);
    }

    @Override
    public WriterHold swapBackHold(Connection lock, Connection second) throws SQLException {
        return new PgWriterHold(lock, names, "ACCESS EXCLUSIVE", lockTimeout, RowApplier.inTransaction(lock, rows), false,
                holder -> {
                    swapBack.execute(holder, created.oid(), old.oid());
                    // decided from this row after a stop: it commits with the renames or not at all
                    state.mark(holder, RunState.REVERTED);
                }, true)
                .lockingParents(swapBack.foreignKeyParents(second, created.oid()));
    }

    @Override
    public void afterRevert(Connection c, RunResult result) throws SQLException {
        c.setAutoCommit(true);
        swapBack.validateForeignKeys(c);
        try (Statement st = c.createStatement()) {
            st.execute("DROP TABLE " + quote(names.old()));
        }
        result.put("oldTable", null);
    }

    @Override
    public void close(Connection c, boolean dropOld, RunResult result) throws SQLException {
        forward.keepOrDropOld(c, dropOld, result);
    }

    @Override
    public String oldTable() {
        return names.shadow().toString();
    }
}
