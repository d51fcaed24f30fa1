package dev.osc.engine.mysql;

import dev.osc.engine.shadow.LoadProbe;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/** MySQL/MariaDB's load: the server's {@code Threads_running} (as gh-ost and pt-osc read it; it counts this probe's own thread). */
final class MyLoadProbe implements LoadProbe {
    static final String THREADS_RUNNING = "SHOW GLOBAL STATUS LIKE 'Threads_running'";

    private final Connection c;

    MyLoadProbe(Connection c) {
        this.c = c;
    }

    @Override
    public long read() throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(THREADS_RUNNING)) {
            return rs.next() ? rs.getLong(2) : 0;
        }
    }

    @Override
    public String unit() {
        return "running threads";
    }
}
