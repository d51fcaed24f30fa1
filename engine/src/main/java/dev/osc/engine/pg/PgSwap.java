package dev.osc.engine.pg;

import static dev.osc.engine.pg.PgIdentifiers.quote;

import dev.osc.engine.model.ColumnMapping;
import dev.osc.engine.rows.Retries;
import dev.osc.engine.model.TableName;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The renames of the PostgreSQL cut-over, run on the connection that holds the ACCESS EXCLUSIVE
 * lock: the source becomes {@code _<table>_osc_old}, the shadow takes the source's name, its
 * indexes (and the constraints they back) take the source's index names, publications that list the
 * source list the new table instead, sequences owned by the
 * source move over with their values, and outgoing foreign keys move to the new table: added NOT
 * VALID to the new one (validated after the lock is released), dropped from the old one after the commit.
 */
public final class PgSwap {
    private final PgRunNames names;
    private final ColumnMapping mapping;
    private final Map<String, String> indexNames;
    private final List<String> foreignKeysToValidate = new ArrayList<>();
    private final List<String> oldForeignKeys = new ArrayList<>();
    /** Ten tries of a 200 ms lock wait, 100 ms more between each. */
    private static final Retries.Policy OLD_FOREIGN_KEY_RETRIES = new Retries.Policy(10, attempt -> 100L * attempt);
    private final String autovacuumRestore;
    private final List<String> notValidChecks;
    private final List<String> droppedForeignKeys;
    private boolean keepStreaming;
    private String keyPromotion;

    /** {@code autovacuumRestore}: the ALTER TABLE actions that give the new table its autovacuum settings back. */
    /** {@code droppedForeignKeys}: the source's foreign keys the clause drops, not moved to the new table. */
    public PgSwap(PgRunNames names, ColumnMapping mapping, Map<String, String> indexNames, String autovacuumRestore,
                  List<String> notValidChecks, List<String> droppedForeignKeys) {
        this.droppedForeignKeys = List.copyOf(droppedForeignKeys);
        this.notValidChecks = notValidChecks;
        this.names = names;
        this.mapping = mapping;
        this.indexNames = indexNames;
        this.autovacuumRestore = autovacuumRestore;
    }

    /**
     * The shadow's primary key, built as a unique index after a bare-heap copy, becomes the
     * constraint again in the swap's transaction: a catalog change (its columns are NOT NULL already)
     * made under the lock the swap holds anyway, where building it as a constraint earlier would
     * have waited for every reader of the shadow. Null when the key stayed.
     */
    public PgSwap promotingKey(String statement) {
        keyPromotion = statement;
        return this;
    }

    /** The run's own publication moves to the new table in the swap's transaction (a revert window follows it). */
    public PgSwap keepingStream() {
        keepStreaming = true;
        return this;
    }

    public void execute(Connection c, long sourceOid, long shadowOid) throws SQLException {
        TableName source = names.source();
        List<String> statements = new ArrayList<>();
        if (keyPromotion != null) {
            statements.add(keyPromotion);
        }
        statements.add("ALTER TABLE " + quote(source) + " RENAME TO " + quote(names.old().name()));
        statements.add("ALTER TABLE " + quote(names.shadow()) + " RENAME TO " + quote(source.name()));
        if (!autovacuumRestore.isBlank()) {
            statements.add("ALTER TABLE " + quote(source) + " " + autovacuumRestore);
        }
        for (String check : notValidChecks) {
            statements.add("ALTER TABLE " + quote(source) + " " + check);
        }
        for (Map.Entry<String, String> e : indexNames.entrySet()) {
            String oldName = names.parkedIndex(e.getKey());
            statements.add("ALTER INDEX " + quote(source.schema()) + "." + quote(e.getKey()) + " RENAME TO " + quote(oldName));
            statements.add("ALTER INDEX " + quote(source.schema()) + "." + quote(e.getValue()) + " RENAME TO " + quote(e.getKey()));
        }
        List<String[]> sequences = sequences(c, sourceOid);
        List<String[]> shadowSequences = sequences(c, shadowOid);
        for (String[] seq : sequences) {
            String target = mapping.targetOf(seq[1]);
            if (target == null) {
                continue;
            }
            if ("a".equals(seq[2])) {
                statements.add("ALTER SEQUENCE " + seq[0] + " OWNED BY " + quote(source) + "." + quote(target));
            } else if ("i".equals(seq[2])) {
                for (String[] shadowSeq : shadowSequences) {
                    if (shadowSeq[1].equals(target) && "i".equals(shadowSeq[2])) {
                        statements.add("SELECT setval(" + PgIdentifiers.literal(shadowSeq[0]) + "::regclass, last_value, is_called) FROM " + seq[0]);
                    }
                }
            }
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT k.conname, pg_get_constraintdef(k.oid), "
                + "ARRAY(SELECT a.attname::text FROM unnest(k.conkey) WITH ORDINALITY u(attnum, ord) "
                + "JOIN pg_attribute a ON a.attrelid = k.conrelid AND a.attnum = u.attnum ORDER BY u.ord) "
                + "FROM pg_constraint k WHERE k.conrelid = ? AND k.contype = 'f' ORDER BY k.conname")) {
            ps.setLong(1, sourceOid);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String name = rs.getString(1);
                    oldForeignKeys.add(name);
                    List<String> columns = Arrays.stream((String[]) rs.getArray(3).getArray()).map(mapping::targetOf).toList();
                    if (droppedForeignKeys.contains(name) || columns.contains(null)) {
                        continue; // dropped by the clause, or with its column (as the ALTER would on the source)
                    }
                    String definition = rs.getString(2);
                    statements.add("ALTER TABLE " + quote(source) + " ADD CONSTRAINT " + quote(name) + " FOREIGN KEY ("
                            + PgIdentifiers.quoteAll(columns) + ")" + definition.substring(definition.indexOf(" REFERENCES "))
                            + " NOT VALID");
                    foreignKeysToValidate.add(name);
                }
            }
        }
        statements.addAll(publicationListings(c, sourceOid));
        if (keepStreaming) {
            // a revert window: from this commit on the run's own stream carries the new table's changes
            statements.add("ALTER PUBLICATION " + quote(names.publication()) + " DROP TABLE " + quote(names.old()));
            statements.add("ALTER PUBLICATION " + quote(names.publication()) + " ADD TABLE " + quote(names.source()));
        }
        try (Statement st = c.createStatement()) {
            for (String sql : statements) {
                st.execute(sql);
            }
        }
    }

    /**
     * The tables the foreign keys moved to the new table reference (the source itself aside): adding
     * one takes a SHARE ROW EXCLUSIVE lock on its parent, which the swap's hold takes first.
     */
    public List<TableName> foreignKeyParents(Connection c, long sourceOid) throws SQLException {
        List<TableName> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT DISTINCT n.nspname, p.relname, k.conname, "
                + "ARRAY(SELECT a.attname::text FROM unnest(k.conkey) u(attnum) JOIN pg_attribute a "
                + "ON a.attrelid = k.conrelid AND a.attnum = u.attnum) "
                + "FROM pg_constraint k JOIN pg_class p ON p.oid = k.confrelid JOIN pg_namespace n ON n.oid = p.relnamespace "
                + "WHERE k.conrelid = ? AND k.contype = 'f' AND k.confrelid <> k.conrelid")) {
            ps.setLong(1, sourceOid);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    boolean moved = !droppedForeignKeys.contains(rs.getString(3))
                            && Arrays.stream((String[]) rs.getArray(4).getArray()).map(mapping::targetOf).noneMatch(java.util.Objects::isNull);
                    TableName parent = new TableName(rs.getString(1), rs.getString(2));
                    if (moved && !out.contains(parent)) {
                        out.add(parent);
                    }
                }
            }
        }
        return out;
    }

    /**
     * A publication lists a table by its identity: after the renames it would still publish the old
     * table and miss every write to the new one. The listing moves over, with its column list and
     * row filter (PostgreSQL 15), except for the run's own publication, dropped at cleanup.
     */
    private List<String> publicationListings(Connection c, long sourceOid) throws SQLException {
        boolean filters = c.getMetaData().getDatabaseMajorVersion() >= 15;
        List<String> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT p.pubname, "
                + (filters ? "pg_get_expr(r.prqual, r.prrelid), ARRAY(SELECT a.attname::text FROM unnest(r.prattrs) WITH ORDINALITY "
                + "u(attnum, ord) JOIN pg_attribute a ON a.attrelid = r.prrelid AND a.attnum = u.attnum ORDER BY u.ord) "
                : "NULL, NULL ")
                + "FROM pg_publication_rel r JOIN pg_publication p ON p.oid = r.prpubid WHERE r.prrelid = ? AND p.pubname <> ? "
                + "ORDER BY 1")) {
            ps.setLong(1, sourceOid);
            ps.setString(2, names.publication());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String publication = quote(rs.getString(1));
                    String[] columns = rs.getArray(3) == null ? new String[0] : (String[]) rs.getArray(3).getArray();
                    List<String> mapped = Arrays.stream(columns).map(mapping::targetOf).filter(java.util.Objects::nonNull).toList();
                    out.add("ALTER PUBLICATION " + publication + " DROP TABLE " + quote(names.old()));
                    out.add("ALTER PUBLICATION " + publication + " ADD TABLE " + quote(names.source())
                            + (mapped.isEmpty() ? "" : " (" + PgIdentifiers.quoteAll(mapped) + ")")
                            + (rs.getString(2) == null ? "" : " WHERE (" + rs.getString(2) + ")"));
                }
            }
        }
        return out;
    }

    /**
     * The old table is an archive: it must not constrain the parent (deletes there would fail on
     * it). Dropping a foreign key locks the parent too, so it happens after the swap's commit, each
     * with a short lock wait and a few retries; what cannot be dropped is returned for the operator.
     */
    public List<String> releaseOldForeignKeys(Connection c) throws SQLException {
        Retries retries = OLD_FOREIGN_KEY_RETRIES.retrying("osc-old-foreign-keys", PgErrors::isRetriable);
        List<String> left = new ArrayList<>();
        for (String fk : oldForeignKeys) {
            String sql = "ALTER TABLE " + quote(names.old()) + " DROP CONSTRAINT " + quote(fk);
            try {
                retries.run(c, () -> {
                    try (Statement st = c.createStatement()) {
                        st.execute("SET lock_timeout = '200ms'");
                        st.execute(sql);
                    }
                    return null;
                });
            } catch (SQLException e) {
                if (!PgErrors.isRetriable(e)) {
                    throw e;
                }
                left.add(sql);
            }
        }
        try (Statement st = c.createStatement()) {
            st.execute("RESET lock_timeout");
        }
        return left;
    }

    /** Validates the foreign keys added NOT VALID; runs after the lock is gone and blocks no writer. */
    public void validateForeignKeys(Connection c) throws SQLException {
        try (Statement st = c.createStatement()) {
            for (String fk : foreignKeysToValidate) {
                st.execute("ALTER TABLE " + quote(names.source()) + " VALIDATE CONSTRAINT " + quote(fk));
            }
        }
    }

    /** (sequence as regclass text, column, dependency type 'a' serial or 'i' identity). */
    private static List<String[]> sequences(Connection c, long tableOid) throws SQLException {
        List<String[]> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT d.objid::regclass::text, a.attname, d.deptype::text FROM pg_depend d "
                        + "JOIN pg_class s ON s.oid = d.objid AND s.relkind = 'S' "
                        + "JOIN pg_attribute a ON a.attrelid = d.refobjid AND a.attnum = d.refobjsubid "
                        + "WHERE d.classid = 'pg_class'::regclass AND d.refclassid = 'pg_class'::regclass "
                        + "AND d.refobjid = ? AND d.deptype IN ('a', 'i')")) {
            ps.setLong(1, tableOid);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new String[] {rs.getString(1), rs.getString(2), rs.getString(3)});
                }
            }
        }
        return out;
    }
}
