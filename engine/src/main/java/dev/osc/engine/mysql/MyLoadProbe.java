package dev.osc.engine.mysql;

import dev.osc.engine.shadow.LoadProbe;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * MySQL/MariaDB's load: the sessions running a command, as {@code Threads_running} counts them
 * (gh-ost and pt-osc read that), less this probe's own session and the binlog readers (the run's
 * own change stream is one): {@code --max-load 1} must not throttle on osc itself. The copy
 * samples between its chunks, when its own sessions are idle.
 */
final class MyLoadProbe implements LoadProbe {
    static final String THREADS_RUNNING = "SELECT COUNT(*) FROM information_schema.PROCESSLIST WHERE COMMAND NOT IN "
            + "('Sleep', 'Daemon', 'Binlog Dump', 'Binlog Dump GTID', 'Killed') AND ID <> CONNECTION_ID()";

    private final Connection c;

    MyLoadProbe(Connection c) {
        this.c = c;
    }

    @Override
    public long read() throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(THREADS_RUNNING)) {
            return rs.next() ? rs.getLong(1) : 0;
        }
    }

    @Override
    public String unit() {
        return "running sessions";
    }
}
