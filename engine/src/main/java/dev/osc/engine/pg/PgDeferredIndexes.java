package dev.osc.engine.pg;

import static dev.osc.engine.pg.PgIdentifiers.quote;

import dev.osc.engine.model.TableName;
import dev.osc.engine.shadow.DeferredIndexes;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The shadow's secondary indexes, taken off before the copy and built after it, as pg_repack
 * does: copying into a table with only its key and building each index once is much
 * faster than maintaining every index row by row. Unique indexes and the constraints they back
 * are built last, once the applier caught up; a duplicate left by a change not yet applied makes
 * the build fail, and the caller catches up and tries again.
 */
public final class PgDeferredIndexes implements DeferredIndexes {

    /** One index (and the constraint it backs, if any), with the SQL that recreates it. */
    record Deferred(String name, boolean unique, String createSql, String dropSql) {
    }

    private final List<Deferred> indexes;

    private PgDeferredIndexes(List<Deferred> indexes) {
        this.indexes = indexes;
    }

    /**
     * Records and drops every index of {@code shadow} but its primary key and its replica identity
     * index, inside the caller's transaction. The identity index stays: it may be the key the copy
     * and the applier work by, and dropping it would lose the identity (an index built again is not it).
     */
    public static PgDeferredIndexes takeOff(Connection c, TableName shadow, long oid) throws SQLException {
        List<Deferred> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT ic.relname, pg_get_indexdef(i.indexrelid), i.indisunique, con.conname, pg_get_constraintdef(con.oid) "
                        + "FROM pg_index i JOIN pg_class ic ON ic.oid = i.indexrelid "
                        + "LEFT JOIN pg_constraint con ON con.conindid = i.indexrelid AND con.conrelid = i.indrelid "
                        + "WHERE i.indrelid = ? AND NOT i.indisprimary AND NOT i.indisreplident ORDER BY ic.relname")) {
            ps.setLong(1, oid);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String index = rs.getString(1);
                    String constraint = rs.getString(4);
                    if (constraint != null) {
                        out.add(new Deferred(index, rs.getBoolean(3),
                                "ALTER TABLE " + quote(shadow) + " ADD CONSTRAINT " + quote(constraint) + " " + rs.getString(5),
                                "ALTER TABLE " + quote(shadow) + " DROP CONSTRAINT " + quote(constraint)));
                    } else {
                        out.add(new Deferred(index, rs.getBoolean(3), rs.getString(2),
                                "DROP INDEX " + quote(shadow.schema()) + "." + quote(index)));
                    }
                }
            }
        }
        try (Statement st = c.createStatement()) {
            for (Deferred d : out) {
                st.execute(d.dropSql());
            }
        }
        return new PgDeferredIndexes(out);
    }

    /** Those of these indexes that table {@code oid} does not have yet (a run that crashed during the build made some). */
    public PgDeferredIndexes missingOn(Connection c, long oid) throws SQLException {
        Set<String> present = new HashSet<>();
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT ic.relname FROM pg_index i JOIN pg_class ic ON ic.oid = i.indexrelid WHERE i.indrelid = ? AND i.indisvalid")) {
            ps.setLong(1, oid);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    present.add(rs.getString(1));
                }
            }
        }
        return new PgDeferredIndexes(indexes.stream().filter(d -> !present.contains(d.name())).toList());
    }

    @Override
    public int count() {
        return indexes.size();
    }

    /** How many of them are unique (or back a unique constraint). */
    @Override
    public int uniqueCount() {
        return (int) indexes.stream().filter(Deferred::unique).count();
    }

    /** Builds the unique indexes and their constraints, or the others, in one transaction; a duplicate throws 23505 and builds none. */
    @Override
    public void build(Connection c, boolean unique) throws SQLException {
        List<Deferred> todo = indexes.stream().filter(d -> d.unique() == unique).toList();
        if (todo.isEmpty()) {
            return;
        }
        boolean autoCommit = c.getAutoCommit();
        c.setAutoCommit(false);
        try (Statement st = c.createStatement()) {
            st.execute("SET LOCAL maintenance_work_mem = '256MB'");
            for (Deferred d : todo) {
                st.execute(d.createSql());
            }
            c.commit();
        } catch (SQLException | RuntimeException e) {
            c.rollback();
            throw e;
        } finally {
            c.setAutoCommit(autoCommit);
        }
    }
}
