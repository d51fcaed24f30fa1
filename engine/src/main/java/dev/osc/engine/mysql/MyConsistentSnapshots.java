package dev.osc.engine.mysql;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * One moment on several connections (invariant 6 for a checksum split among workers): MariaDB
 * cannot share a snapshot, so each connection opens its own consistent snapshot at once, all of
 * them while the caller holds writers and every change has been applied; nothing moves between them.
 */
public final class MyConsistentSnapshots {
    static final String START = "START TRANSACTION WITH CONSISTENT SNAPSHOT";

    private MyConsistentSnapshots() {
    }

    /** Opens a consistent snapshot on each connection of {@code snapshots} (call while writers are held). */
    public static void open(List<Connection> snapshots) throws SQLException {
        for (Connection snapshot : snapshots) {
            snapshot.setAutoCommit(false);
            try (Statement st = snapshot.createStatement()) {
                st.execute(START);
            }
        }
    }
}
