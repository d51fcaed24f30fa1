package dev.osc.engine.check;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PartitioningCheckTest {
    private final PartitioningCheck check = new PartitioningCheck("partitioned tables");

    @Test
    void refusesPartitionedTablesPartitionsAndInheritance() {
        String refusal = "partitioned tables are not supported by the shadow path yet";
        assertThat(check.refusals(Tables.context(Tables.partitioning(true, false, false)))).containsExactly(refusal);
        assertThat(check.refusals(Tables.context(Tables.partitioning(false, true, false)))).containsExactly(refusal);
        assertThat(check.refusals(Tables.context(Tables.partitioning(false, false, true)))).containsExactly(refusal);
    }

    @Test
    void passesAPlainTable() {
        assertThat(check.refusals(Tables.context(Tables.partitioning(false, false, false)))).isEmpty();
    }
}
