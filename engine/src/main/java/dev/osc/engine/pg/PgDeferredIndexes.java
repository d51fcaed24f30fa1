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
 * The shadow's indexes, taken off before the copy and built after it, as pg_repack does: copying
 * into a bare heap and building each index once is much faster than maintaining every index row
 * by row. The primary key goes too where the run's key is the primary key and nothing else needs
 * it: it is built first, before any change is applied ({@link dev.osc.engine.copy.ShadowKey}). Unique
 * indexes and the constraints they back are built last, once the applier caught up; a duplicate
 * left by a change not yet applied makes the build fail, and the caller catches up and tries again.
 */
public final class PgDeferredIndexes implements DeferredIndexes {

    /** One index (and the constraint it backs, if any), with the SQL that recreates it. */
    record Deferred(String name, boolean unique, String createSql, String dropSql) {
    }

    /** The primary key {@code constraint} taken off: built as the unique index {@code index}, made the constraint again by {@code promoteSql}. */
    record Key(String index, String constraint, String createSql, String promoteSql) {
    }

    private final List<Deferred> indexes;
    /** The primary key taken off, built or not (it becomes the constraint again at the swap); null when it stayed. */
    private final Key key;
    private boolean keyMissing;

    private PgDeferredIndexes(List<Deferred> indexes, Key key, boolean keyMissing) {
        this.indexes = indexes;
        this.key = key;
        this.keyMissing = keyMissing;
    }

    /** The statement that makes the key's unique index the primary key again, in the swap; null when the key stayed. */
    public String keyPromotion() {
        return key == null ? null : key.promoteSql();
    }

    /**
     * Records and drops every index of {@code shadow} but its primary key and its replica identity
     * index, inside the caller's transaction. The identity index stays: it may be the key the copy
     * and the applier work by, and dropping it would lose the identity (an index built again is not it).
     * With {@code keyToo} (the run works by the primary key) the primary key goes as well, unless
     * an identity index stays or a foreign key refers to it.
     */
    public static PgDeferredIndexes takeOff(Connection c, TableName shadow, long oid, boolean keyToo) throws SQLException {
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
        Key key = keyToo ? bareKey(c, shadow, oid) : null;
        if (key != null) {
            try (Statement st = c.createStatement()) {
                st.execute("ALTER TABLE " + quote(shadow) + " DROP CONSTRAINT " + quote(key.constraint()));
            }
        }
        return new PgDeferredIndexes(out, key, key != null);
    }

    /**
     * The primary key, when it is the shadow's only index left, not its identity, a plain b-tree
     * without INCLUDE columns that is not deferrable, and no foreign key refers to it. It is built
     * as a unique index (a SHARE lock: readers of the shadow do not hold it up) and made the
     * constraint again over that index at the swap ({@link #keyPromotion}).
     */
    private static Key bareKey(Connection c, TableName shadow, long oid) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT ic.relname, con.conname, pg_get_indexdef(i.indexrelid) "
                        + "FROM pg_index i JOIN pg_class ic ON ic.oid = i.indexrelid "
                        + "JOIN pg_constraint con ON con.conindid = i.indexrelid AND con.conrelid = i.indrelid AND con.contype = 'p' "
                        + "WHERE i.indrelid = ? AND i.indisprimary AND NOT i.indisreplident AND i.indnkeyatts = i.indnatts "
                        + "AND NOT con.condeferrable "
                        + "AND NOT EXISTS (SELECT 1 FROM pg_index o WHERE o.indrelid = i.indrelid AND NOT o.indisprimary) "
                        + "AND NOT EXISTS (SELECT 1 FROM pg_constraint f WHERE f.confrelid = i.indrelid AND f.contype = 'f')")) {
            ps.setLong(1, oid);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return null;
                }
                String index = rs.getString(1);
                String constraint = rs.getString(2);
                return new Key(index, constraint, rs.getString(3),
                        "ALTER TABLE " + quote(shadow) + " ADD CONSTRAINT " + quote(constraint) + " PRIMARY KEY USING INDEX " + quote(index));
            }
        }
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
        return new PgDeferredIndexes(indexes.stream().filter(d -> !present.contains(d.name())).toList(),
                key, keyMissing && !present.contains(key.index()));
    }

    @Override
    public boolean keyMissing() {
        return keyMissing;
    }

    /** As a unique index, in a transaction of its own; a duplicate throws 23505 and leaves the shadow bare. */
    @Override
    public void buildKey(Connection c) throws SQLException {
        if (!keyMissing) {
            return;
        }
        inTransaction(c, List.of(key.createSql()));
        keyMissing = false;
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
        if (!todo.isEmpty()) {
            inTransaction(c, todo.stream().map(Deferred::createSql).toList());
        }
    }

    private static void inTransaction(Connection c, List<String> statements) throws SQLException {
        boolean autoCommit = c.getAutoCommit();
        c.setAutoCommit(false);
        try (Statement st = c.createStatement()) {
            st.execute("SET LOCAL maintenance_work_mem = '256MB'");
            for (String statement : statements) {
                st.execute(statement);
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
