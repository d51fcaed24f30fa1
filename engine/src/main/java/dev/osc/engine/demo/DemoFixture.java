package dev.osc.engine.demo;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/** A demo table and its oracle, on either database. */
public interface DemoFixture {
    void create(Connection c, long rows) throws SQLException;

    long differences(Connection c) throws SQLException;

    List<String> sampleDifferences(Connection c, int limit) throws SQLException;

    long count(Connection c) throws SQLException;
}
