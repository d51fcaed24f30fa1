package dev.osc.engine.pg;

import dev.osc.engine.check.Check;
import dev.osc.engine.check.CheckContext;
import dev.osc.engine.check.CheckPhase;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/** Creating the replication slot needs the REPLICATION attribute (or a superuser). */
public final class PgReplicationRoleCheck implements Check {
    @Override
    public String name() {
        return "replication-role";
    }

    @Override
    public CheckPhase phase() {
        return CheckPhase.PLAN;
    }

    @Override
    public List<String> refusals(CheckContext context) throws SQLException {
        try (Statement st = context.connection().createStatement();
             ResultSet rs = st.executeQuery("SELECT rolreplication OR rolsuper FROM pg_roles WHERE rolname = current_user")) {
            return rs.next() && rs.getBoolean(1) ? List.of()
                    : List.of("the user needs the REPLICATION attribute (ALTER ROLE ... REPLICATION) for the shadow path");
        }
    }
}
