package dev.osc.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * A peer tool that {@code osc bench run --peers} runs side by side with osc: which binary, on which
 * database family, what it does with the ALTER, and its command line. A peer that cannot run says
 * why by throwing {@link Unavailable}; the run skips it with that message.
 */
interface Peer {
    /** The name the user gives in {@code --peers}. */
    String name();

    /** The executable looked up on PATH. */
    String binary();

    /** True when the peer works on this database family. */
    boolean runsOn(boolean pg);

    /** What the peer does to the table, for the report: the ALTER itself, or what it does instead. */
    String does(String alter);

    /** The command that carries out {@code job}; secrets go into files under {@code workDir} (deleted after the run). */
    PeerCommand command(Path executable, PeerJob job, Path workDir) throws IOException;

    /** Readies the database (pg_repack: its extension); throws Unavailable when the server cannot serve the peer. */
    default void prepare(Connection c) throws SQLException, Unavailable {
    }

    /** Tables the peer makes beside {@code table}, which a failed run may leave behind. */
    List<String> leftovers(String table);

    /** The peer cannot run here; the message says why, in one line. */
    final class Unavailable extends Exception {
        Unavailable(String message) {
            super(message);
        }
    }
}
