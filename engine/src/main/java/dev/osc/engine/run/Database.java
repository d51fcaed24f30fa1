package dev.osc.engine.run;

import java.io.PrintStream;
import java.sql.Connection;
import java.time.Clock;

/** What the commands ask of one database family before its strategy is known. */
public interface Database {

    /**
     * Parses the ALTER clause (bad input: exit 2) and sets up the connector for one command;
     * connects to nothing yet.
     */
    Session session(RunSettings settings, Clock clock, PrintStream log);

    /**
     * The work of the change stream's start that needs no server (loading the connector's classes,
     * building its parser's tables), to be run ahead of it on another thread for a run that may need
     * a stream; null when there is none worth doing.
     */
    default Runnable streamWarmUp() {
        return null;
    }

    /** One command's view of the database: its first connection, then resolve, lock and plan. */
    interface Session extends Orchestrator.Dialect {
        /** The command's first connection; connection problems are bad input (exit 2). */
        Connection connect(String role);
    }
}
