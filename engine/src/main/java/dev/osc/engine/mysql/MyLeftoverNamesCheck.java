package dev.osc.engine.mysql;

import dev.osc.engine.check.CheckContext;
import dev.osc.engine.check.LeftoverNamesCheck;
import dev.osc.engine.model.TableName;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** A table or view with a name the run needs (the sentry included) blocks it. */
public final class MyLeftoverNamesCheck extends LeftoverNamesCheck {
    @Override
    protected List<String> taken(CheckContext context) throws SQLException {
        MyInspector inspector = new MyInspector(context.connection());
        List<String> out = new ArrayList<>();
        for (TableName t : context.runTables()) {
            if (inspector.exists(t)) {
                out.add("table " + t);
            }
        }
        return out;
    }
}
