package dev.osc.engine.check;

import dev.osc.engine.model.TableInfo;
import java.util.List;

/** Partitioned tables, partitions and inheritance parents or children are not supported by the shadow path. */
public final class PartitioningCheck implements Check {
    private final String kinds;

    /** {@code kinds}: how the dialect names what it refuses, e.g. "partitioned tables". */
    public PartitioningCheck(String kinds) {
        this.kinds = kinds;
    }

    @Override
    public String name() {
        return "partitioning";
    }

    @Override
    public CheckPhase phase() {
        return CheckPhase.PLAN;
    }

    @Override
    public List<String> refusals(CheckContext context) {
        TableInfo t = context.table();
        return t.partitioned() || t.partition() || t.inherits()
                ? List.of(kinds + " are not supported by the shadow path yet") : List.of();
    }
}
