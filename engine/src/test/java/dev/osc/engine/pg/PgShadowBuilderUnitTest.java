package dev.osc.engine.pg;

import static org.assertj.core.api.Assertions.assertThat;

import dev.osc.engine.model.Index;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PgShadowBuilderUnitTest {

    private static Index idx(String name, String signature) {
        return new Index(name, false, false, signature, List.of(), null);
    }

    @Test
    void matchesBySignatureRegardlessOfNames() {
        List<Index> source = List.of(idx("orders_pkey", "PK btree (id)"), idx("orders_email_idx", "btree (email)"),
                idx("by_created", "btree (created_at DESC)"));
        List<Index> copy = new ArrayList<>(List.of(idx("_orders_osc_new_created_at_idx", "btree (created_at DESC)"),
                idx("_orders_osc_new_pkey", "PK btree (id)"), idx("_orders_osc_new_email_idx", "btree (email)")));
        Map<String, String> m = PgShadowBuilder.matchIndexes(source, copy);
        assertThat(m).containsExactly(
                Map.entry("orders_pkey", "_orders_osc_new_pkey"),
                Map.entry("orders_email_idx", "_orders_osc_new_email_idx"),
                Map.entry("by_created", "_orders_osc_new_created_at_idx"));
    }

    @Test
    void sameNameDifferentSignatureDoesNotMatch() {
        Map<String, String> m = PgShadowBuilder.matchIndexes(List.of(idx("i", "btree (a)")),
                new ArrayList<>(List.of(idx("i", "btree (b)"))));
        assertThat(m).isEmpty();
    }

    @Test
    void duplicateSignaturesMapToDistinctCopies() {
        List<Index> source = List.of(idx("dup1", "btree (a)"), idx("dup2", "btree (a)"), idx("other", "btree (b)"));
        List<Index> copy = new ArrayList<>(List.of(idx("c_a1", "btree (a)"), idx("c_b", "btree (b)"),
                idx("c_a2", "btree (a)")));
        Map<String, String> m = PgShadowBuilder.matchIndexes(source, copy);
        assertThat(m).containsOnlyKeys("dup1", "dup2", "other");
        assertThat(m.get("dup1")).isNotEqualTo(m.get("dup2"));
        assertThat(List.of(m.get("dup1"), m.get("dup2"))).containsExactlyInAnyOrder("c_a1", "c_a2");
        assertThat(m.get("other")).isEqualTo("c_b");
        assertThat(m.values()).doesNotHaveDuplicates();
    }

    @Test
    void moreSourcesThanCopiesLeavesTheExtraOneOut() {
        List<Index> source = List.of(idx("dup1", "btree (a)"), idx("dup2", "btree (a)"));
        Map<String, String> m = PgShadowBuilder.matchIndexes(source, new ArrayList<>(List.of(idx("c_a", "btree (a)"))));
        assertThat(m).hasSize(1).containsValue("c_a");
    }

    @Test
    void indexWithoutAMatchIsAbsent() {
        List<Index> source = List.of(idx("keep", "btree (a)"), idx("lost", "btree (gone)"));
        Map<String, String> m = PgShadowBuilder.matchIndexes(source, new ArrayList<>(List.of(idx("c", "btree (a)"))));
        assertThat(m).containsExactly(Map.entry("keep", "c"));
        assertThat(m).doesNotContainKey("lost");
        assertThat(PgShadowBuilder.matchIndexes(source, List.of())).isEmpty();
    }
}
