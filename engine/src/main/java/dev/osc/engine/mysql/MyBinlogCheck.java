package dev.osc.engine.mysql;

import dev.osc.engine.check.Check;
import dev.osc.engine.check.CheckContext;
import dev.osc.engine.check.CheckPhase;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** The change stream reads the binary log: it must be on, row-based, with full row images. */
public final class MyBinlogCheck implements Check {
    @Override
    public String name() {
        return "binary-log";
    }

    @Override
    public CheckPhase phase() {
        return CheckPhase.PLAN;
    }

    @Override
    public List<String> refusals(CheckContext context) throws SQLException {
        MyInspector inspector = new MyInspector(context.connection());
        return verdict(inspector.variable("log_bin").orElse("0"), inspector.variable("binlog_format").orElse("?"),
                inspector.variable("binlog_row_image").orElse("?"));
    }

    static List<String> verdict(String logBin, String format, String rowImage) {
        List<String> out = new ArrayList<>();
        if (!logBin.equals("1") && !logBin.equalsIgnoreCase("ON")) {
            out.add("the binary log is off; the shadow path needs log_bin (a restart)");
        }
        if (!format.equalsIgnoreCase("ROW")) {
            out.add("binlog_format is " + format + "; the shadow path needs ROW");
        }
        if (!rowImage.equalsIgnoreCase("FULL")) {
            out.add("binlog_row_image is " + rowImage + "; the shadow path needs FULL");
        }
        return out;
    }
}
