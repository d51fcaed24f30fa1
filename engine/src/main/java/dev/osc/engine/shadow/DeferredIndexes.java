package dev.osc.engine.shadow;

import java.sql.Connection;
import java.sql.SQLException;

/** The shadow's secondary indexes taken off for the copy, and how the dialect builds them back. */
public interface DeferredIndexes {
    int count();

    /** How many are unique (or back a unique constraint). */
    int uniqueCount();

    /** Builds the unique or the other indexes; a duplicate fails the whole build and builds none of them. */
    void build(Connection c, boolean unique) throws SQLException;
}
