package dev.osc.engine.testkit;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * What the writers of a {@link Workload} do on one table: the kinds of transaction they run and,
 * for each writer, its next transaction. The workload owns the threads, the pacing, the commit,
 * the counts and the errors; a shape owns only statements.
 */
public interface WorkloadShape {
    /** The kinds of transaction, in the order {@link Writer#transaction} numbers them. */
    List<String> operations();

    /** Writer number {@code index} of {@code threads}, with whatever state of its own it keeps (the ids it owns, say). */
    Writer writer(int index, int threads);

    /**
     * A failure the shape's own writers cause one another and an application would simply retry
     * (an InnoDB deadlock between writers on disjoint rows): counted, but not one of the workload's errors.
     */
    default boolean expected(SQLException e) {
        return false;
    }

    /** One writer's transactions. */
    @FunctionalInterface
    interface Writer {
        /** Runs one transaction's statements on {@code c} (the workload commits it) and returns its kind's number. */
        int transaction(Connection c, ThreadLocalRandom random) throws SQLException;
    }
}
