package dev.osc.engine.mysql;

import dev.osc.engine.check.Check;
import dev.osc.engine.check.CheckContext;
import dev.osc.engine.check.CheckPhase;
import dev.osc.engine.model.TableName;
import java.util.List;

/** The shadow and the sentry add a suffix to the table's own name, and the whole must fit in 64 characters. */
public final class MyNameLengthCheck implements Check {
    @Override
    public String name() {
        return "name-length";
    }

    @Override
    public CheckPhase phase() {
        return CheckPhase.PLAN;
    }

    @Override
    public List<String> refusals(CheckContext context) {
        return fits(context.table().name()) ? List.of()
                : List.of("table names longer than " + MyRunNames.MAX_SOURCE_NAME_CHARS
                        + " characters are not supported by the shadow path on MySQL yet");
    }

    /** Whether {@link MyRunNames#shadow()} and {@link MyRunNames#sentry()} can name this table's copies. */
    static boolean fits(TableName table) {
        return table.name().codePointCount(0, table.name().length()) <= MyRunNames.MAX_SOURCE_NAME_CHARS;
    }
}
