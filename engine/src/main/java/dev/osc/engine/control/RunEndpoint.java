package dev.osc.engine.control;

import dev.osc.engine.model.TableName;
import dev.osc.engine.run.LeftoverSweep;
import dev.osc.engine.run.OscException;
import dev.osc.engine.shadow.Leftover;
import dev.osc.engine.shadow.Leftovers;
import dev.osc.engine.shadow.RunState;
import java.net.URI;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;

/**
 * Finds a live run's admin endpoint through the run's state row: the run must hold the table's
 * run lock (else there is no live run: exit 3) and have recorded its port.
 */
public final class RunEndpoint {
    private RunEndpoint() {
    }

    /** The endpoint of the live run on the table written {@code written}; refused (exit 3) when there is none. */
    public static URI find(Leftovers leftovers, String written) throws Exception {
        try (Connection c = leftovers.open("osc control")) {
            TableName table = leftovers.table(c, written);
            AutoCloseable free = leftovers.tryLock(table);
            if (free != null) {
                free.close();
                throw OscException.refused("no live osc run on " + table);
            }
            return port(leftovers, c, table).map(RunEndpoint::uri).orElseThrow(() -> OscException.refused(
                    "the live run on " + table + " has no admin endpoint on record (it started without one, or has not written its state yet)"));
        }
    }

    /** The port in the state row of the run on {@code table}, if it recorded one. */
    static Optional<Integer> port(Leftovers leftovers, Connection c, TableName table) throws SQLException {
        for (Leftover item : leftovers.ofRun(c, table)) {
            if (item.kind() == Leftover.Kind.STATE && item.runId() != null) {
                try {
                    return Optional.ofNullable(RunState.adminPort(c, leftovers.helperTables(), item.relation()));
                } catch (SQLException olderRun) {
                    return Optional.empty();
                }
            }
        }
        return Optional.empty();
    }

    public static URI uri(int port) {
        return URI.create("http://127.0.0.1:" + port);
    }

    /**
     * {@code osc abort} on a live run with an endpoint: asks it to abort itself (it removes what it
     * made); false when it has no endpoint or nothing answers there (its sessions are ended instead).
     */
    public static LeftoverSweep.LiveAbort abortThrough(Leftovers leftovers, String token) {
        return (c, table) -> {
            Optional<Integer> port = port(leftovers, c, table);
            if (port.isEmpty()) {
                return false;
            }
            try {
                new AdminClient(uri(port.get()), token).post("/abort", "");
                return true;
            } catch (AdminClient.NotAnswering gone) {
                return false;
            }
        };
    }
}
