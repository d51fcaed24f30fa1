package dev.osc.engine.mysql;

import static dev.osc.engine.mysql.MyIdentifiers.quote;

import dev.osc.engine.model.TableName;
import dev.osc.engine.shadow.DeferredIndexes;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * The shadow's secondary indexes, taken off before the copy and added back after it in one
 * ALTER each for the plain and the unique ones (InnoDB builds them by sorting, far faster than
 * row-by-row maintenance). Definitions come from {@code SHOW CREATE TABLE}, as the server prints them.
 */
public final class MyDeferredIndexes implements DeferredIndexes {

    /** One index line of SHOW CREATE TABLE, e.g. {@code UNIQUE KEY `email` (`email`)}. */
    record Deferred(String name, boolean unique, String definition) {
    }

    private final TableName shadow;
    private final List<Deferred> indexes;

    private MyDeferredIndexes(TableName shadow, List<Deferred> indexes) {
        this.shadow = shadow;
        this.indexes = indexes;
    }

    /**
     * Records and drops the shadow's secondary indexes, except one that leads with the
     * AUTO_INCREMENT column (InnoDB requires that column to head an index).
     */
    public static MyDeferredIndexes takeOff(Connection c, TableName shadow, String autoIncrementColumn) throws SQLException {
        String ddl;
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SHOW CREATE TABLE " + quote(shadow))) {
            rs.next();
            ddl = rs.getString(2);
        }
        List<Deferred> out = new ArrayList<>(parse(ddl));
        if (autoIncrementColumn != null) {
            String lead = "(" + quote(autoIncrementColumn);
            out.removeIf(d -> d.definition().contains(lead + ")") || d.definition().contains(lead + ","));
        }
        if (!out.isEmpty()) {
            List<String> drops = out.stream().map(d -> "DROP INDEX " + quote(d.name())).toList();
            try (Statement st = c.createStatement()) {
                st.execute("ALTER TABLE " + quote(shadow) + " " + String.join(", ", drops));
            }
        }
        return new MyDeferredIndexes(shadow, out);
    }

    /** The secondary index lines of a CREATE TABLE statement (not the primary key, not foreign keys). */
    static List<Deferred> parse(String createTable) {
        List<Deferred> out = new ArrayList<>();
        for (String raw : createTable.split("\n")) {
            String line = raw.strip();
            if (line.endsWith(",")) {
                line = line.substring(0, line.length() - 1);
            }
            boolean unique = line.startsWith("UNIQUE KEY ");
            if (!(unique || line.startsWith("KEY ") || line.startsWith("FULLTEXT KEY ") || line.startsWith("SPATIAL KEY "))) {
                continue;
            }
            int open = line.indexOf('`');
            int close = open;
            // the name is backtick-quoted with doubled backticks inside
            for (int i = open + 1; i < line.length(); i++) {
                if (line.charAt(i) == '`') {
                    if (i + 1 < line.length() && line.charAt(i + 1) == '`') {
                        i++;
                        continue;
                    }
                    close = i;
                    break;
                }
            }
            String name = line.substring(open + 1, close).replace("``", "`");
            out.add(new Deferred(name, unique, line));
        }
        return out;
    }

    /** The same indexes, to be built on {@code table}. */
    public MyDeferredIndexes on(TableName table) {
        return new MyDeferredIndexes(table, indexes);
    }

    /** Those of these indexes the table does not have yet (a run that crashed during the build made some). */
    public MyDeferredIndexes missingOn(Connection c) throws SQLException {
        String ddl;
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SHOW CREATE TABLE " + quote(shadow))) {
            rs.next();
            ddl = rs.getString(2);
        }
        java.util.Set<String> present = new java.util.HashSet<>();
        parse(ddl).forEach(d -> present.add(d.name()));
        return new MyDeferredIndexes(shadow, indexes.stream().filter(d -> !present.contains(d.name())).toList());
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

    /** Adds back the unique or the other indexes in one ALTER; a duplicate fails the whole ALTER (error 1062). */
    @Override
    public void build(Connection c, boolean unique) throws SQLException {
        List<String> adds = indexes.stream().filter(d -> d.unique() == unique).map(d -> "ADD " + d.definition()).toList();
        if (adds.isEmpty()) {
            return;
        }
        boolean autoCommit = c.getAutoCommit();
        c.setAutoCommit(true);
        try (Statement st = c.createStatement()) {
            st.execute("ALTER TABLE " + quote(shadow) + " " + String.join(", ", adds) + ", ALGORITHM=INPLACE, LOCK=NONE");
        } finally {
            c.setAutoCommit(autoCommit);
        }
    }
}
