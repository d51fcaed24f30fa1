package dev.osc.engine.pg;

import dev.osc.engine.shadow.LoadProbe;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/** PostgreSQL's load: client sessions running a statement now, osc's own (application names {@code osc ...}) left out. */
final class PgLoadProbe implements LoadProbe {
    static final String ACTIVE_SESSIONS = "SELECT count(*) FROM pg_stat_activity WHERE state = 'active' "
            + "AND backend_type = 'client backend' AND pid <> pg_backend_pid() AND coalesce(application_name, '') NOT LIKE 'osc %'";

    private final Connection c;

    PgLoadProbe(Connection c) {
        this.c = c;
    }

    @Override
    public long read() throws SQLException {
        // autocommit: pg_stat_activity is a fresh snapshot each time, not one per transaction
        c.setAutoCommit(true);
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(ACTIVE_SESSIONS)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Override
    public String unit() {
        return "active sessions";
    }
}
