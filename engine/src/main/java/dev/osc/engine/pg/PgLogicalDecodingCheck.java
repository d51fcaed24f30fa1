package dev.osc.engine.pg;

import dev.osc.engine.check.Check;
import dev.osc.engine.check.CheckContext;
import dev.osc.engine.check.CheckPhase;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/** The change stream needs logical decoding: wal_level=logical on PostgreSQL 13 or later. */
public final class PgLogicalDecodingCheck implements Check {
    @Override
    public String name() {
        return "logical-decoding";
    }

    @Override
    public CheckPhase phase() {
        return CheckPhase.PLAN;
    }

    @Override
    public List<String> refusals(CheckContext context) throws SQLException {
        try (Statement st = context.connection().createStatement();
             ResultSet rs = st.executeQuery("SELECT current_setting('wal_level'), current_setting('server_version_num')::int")) {
            rs.next();
            return verdict(rs.getString(1), rs.getInt(2));
        }
    }

    static List<String> verdict(String walLevel, int serverVersionNum) {
        List<String> out = new ArrayList<>();
        if (!"logical".equals(walLevel)) {
            out.add("wal_level is " + walLevel + "; the shadow path needs wal_level=logical (restart required)");
        }
        if (serverVersionNum < 130000) {
            out.add("PostgreSQL 13 or later is needed by the shadow path");
        }
        return out;
    }
}
