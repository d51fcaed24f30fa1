package dev.osc.engine.pg;

import dev.osc.engine.check.KeyTypeCheck;
import java.util.Set;

/** Key types whose text form the change stream delivers and PostgreSQL casts back exactly. */
public final class PgKeyTypeCheck extends KeyTypeCheck {
    private static final Set<String> STREAMABLE = Set.of("smallint", "integer", "bigint", "text", "uuid",
            "character varying", "numeric", "character");

    @Override
    protected boolean supported(String type) {
        return STREAMABLE.contains(type.replaceAll("\\(.*\\)", "").strip());
    }
}
