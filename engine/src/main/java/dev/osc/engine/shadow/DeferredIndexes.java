package dev.osc.engine.shadow;

import java.sql.Connection;
import java.sql.SQLException;

/** The shadow's secondary indexes (and perhaps its primary key) taken off for the copy, and how the dialect builds them back. */
public interface DeferredIndexes {
    int count();

    /** How many are unique (or back a unique constraint). */
    int uniqueCount();

    /** Builds the unique or the other indexes; a duplicate fails the whole build and builds none of them. */
    void build(Connection c, boolean unique) throws SQLException;

    /** Whether the shadow's primary key was taken off for the copy too, and is not built yet. */
    default boolean keyMissing() {
        return false;
    }

    /** Builds the primary key taken off for the copy, before any other index; a duplicate throws and builds nothing. */
    default void buildKey(Connection c) throws SQLException {
    }
}
