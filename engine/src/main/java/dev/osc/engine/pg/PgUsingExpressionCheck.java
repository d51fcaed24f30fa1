package dev.osc.engine.pg;

import dev.osc.engine.check.Check;
import dev.osc.engine.check.CheckContext;
import dev.osc.engine.check.CheckPhase;
import java.util.List;

/** The copier and the applier convert a retyped column with the default cast; a USING expression is not carried. */
public final class PgUsingExpressionCheck implements Check {
    @Override
    public String name() {
        return "using-expression";
    }

    @Override
    public CheckPhase phase() {
        return CheckPhase.PROBED;
    }

    @Override
    public List<String> refusals(CheckContext context) {
        return context.clause().usingExpression()
                ? List.of("ALTER COLUMN ... TYPE ... USING: the shadow path converts with the default cast only (use --strategy direct)")
                : List.of();
    }
}
