package dev.osc.engine.scenario;

import java.sql.SQLException;
import java.util.List;

/**
 * Concurrent writers on a demo table that apply every transaction to an oracle table too: after a
 * migration the table must equal its oracle.
 */
public interface WriterLoad extends AutoCloseable {

    long transactions();

    /** Errors the writers saw (none is the expectation: a migration must never make a write fail). */
    List<String> errors();

    /** Deadlocks between the writers themselves (MariaDB only; see the test kit's Workload). */
    long deadlocks();

    /** Rows that differ between the table and its oracle, both ways. */
    long differences() throws SQLException;

    /** A few differing rows, for the failure message. */
    List<String> sampleDifferences() throws SQLException;

    /** Stops the writers and waits for their last transaction. */
    @Override
    void close() throws InterruptedException;
}
