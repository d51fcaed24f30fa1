package dev.osc.engine.shadow;

import dev.osc.engine.model.TableName;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;

/**
 * What runs left in one database, as the dialect finds and removes it: the helper tables of
 * every table (by the run-name rules), the slots and publications named {@code osc_...}, the old
 * tables that completed runs kept. The decisions (what is a crashed run's, what a live run holds,
 * what is old enough) are the caller's.
 */
public interface Leftovers {

    /** The command's connection, named {@code role}; connection problems are bad input (exit 2). */
    Connection open(String role) throws SQLException;

    /** The table the operator named: as the catalog has it, or (a table dropped since) as written in the default schema. */
    TableName table(Connection c, String written) throws SQLException;

    /** Everything osc runs left on the whole database, in removal order per table. */
    List<Leftover> find(Connection c) throws SQLException;

    /** What the run on {@code table} left (its old tables aside), in removal order. */
    default List<Leftover> ofRun(Connection c, TableName table) throws SQLException {
        return find(c).stream().filter(l -> table.equals(l.table()) && !l.isOldTable()).sorted(Leftover.REMOVAL_ORDER).toList();
    }

    /** Removes one leftover; one already gone is no error. Never the source table, never an old table unless given one. */
    void remove(Connection c, Leftover item) throws SQLException;

    /** The table's run lock ({@link RunLock}) if no live run holds it, held until closed; else null at once. */
    AutoCloseable tryLock(TableName table) throws SQLException;

    /**
     * The sessions of the run on {@code table} the server can tell: the one holding its run lock,
     * those named after {@code runIds} (osc names each connection by its role and run), the
     * change stream's; for the operator.
     */
    List<String> runSessions(Connection c, TableName table, List<String> runIds) throws SQLException;

    /** Ends the {@link #runSessions} (all but the run's own cleanup); what was ended. */
    List<String> endRun(Connection c, TableName table, List<String> runIds) throws SQLException;

    /** The DDL and quoting of the runs' helper tables (to read a live run's state row). */
    HelperTableSql helperTables();

    /** The phase the run's state table {@code state} records (null when it records none readable). */
    default String phase(Connection c, Leftover state) throws SQLException {
        return RunState.read(c, helperTables(), state.relation()).map(SavedRun::phase).orElse(null);
    }

    /** The server's clock: old tables' ages are measured on it. */
    Instant now(Connection c) throws SQLException;
}
