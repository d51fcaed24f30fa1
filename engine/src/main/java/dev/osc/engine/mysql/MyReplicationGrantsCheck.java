package dev.osc.engine.mysql;

import dev.osc.engine.check.Check;
import dev.osc.engine.check.CheckContext;
import dev.osc.engine.check.CheckPhase;
import java.sql.SQLException;
import java.util.List;
import java.util.Locale;

/** Reading the binary log as a replica needs the replication privileges. */
public final class MyReplicationGrantsCheck implements Check {
    @Override
    public String name() {
        return "replication-grants";
    }

    @Override
    public CheckPhase phase() {
        return CheckPhase.PLAN;
    }

    @Override
    public List<String> refusals(CheckContext context) throws SQLException {
        return verdict(new MyInspector(context.connection()).strings("SHOW GRANTS"));
    }

    static List<String> verdict(List<String> grants) {
        String all = String.join("\n", grants).toUpperCase(Locale.ROOT);
        return all.contains("ALL PRIVILEGES ON *.*") || all.contains("REPLICATION SLAVE") ? List.of()
                : List.of("the user needs REPLICATION SLAVE and REPLICATION CLIENT (BINLOG MONITOR on MariaDB) for the shadow path");
    }
}
