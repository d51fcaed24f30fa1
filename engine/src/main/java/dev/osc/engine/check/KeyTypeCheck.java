package dev.osc.engine.check;

import dev.osc.engine.model.Column;
import java.util.ArrayList;
import java.util.List;

/** Each key column must have a type whose value the change stream carries and the dialect binds back exactly. */
public abstract class KeyTypeCheck implements Check {

    /** Whether the shadow path supports a key column of this full SQL type. */
    protected abstract boolean supported(String type);

    @Override
    public final String name() {
        return "key-type";
    }

    @Override
    public final CheckPhase phase() {
        return CheckPhase.PLAN;
    }

    @Override
    public final List<String> refusals(CheckContext context) {
        List<String> out = new ArrayList<>();
        for (String k : context.table().keyColumns()) {
            String type = context.table().column(k).map(Column::type).orElse("");
            if (!supported(type)) {
                out.add("key column " + k + " has type " + type + ", which the shadow path does not support yet");
            }
        }
        return out;
    }
}
