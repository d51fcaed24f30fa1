package dev.osc.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Durations, URLs and workload mixes are parsed once, with a message naming the option. */
class BenchOptionsTest {
    @Test
    void durations() {
        assertThat(BenchOptions.duration("--d", "90")).isEqualTo(Duration.ofSeconds(90));
        assertThat(BenchOptions.duration("--d", "500ms")).isEqualTo(Duration.ofMillis(500));
        assertThat(BenchOptions.duration("--d", "5m")).isEqualTo(Duration.ofMinutes(5));
        assertThat(BenchOptions.duration("--d", " 2H ")).isEqualTo(Duration.ofHours(2));
        assertThatThrownBy(() -> BenchOptions.duration("--baseline", "-1s")).hasMessageStartingWith("--baseline must be");
        assertThatThrownBy(() -> BenchOptions.duration("--d", "1.5s")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void urls() {
        assertThat(BenchOptions.jdbcUrl("jdbc:mysql://h/db?user=u")).isEqualTo("jdbc:mariadb://h/db?user=u");
        assertThat(BenchOptions.jdbcUrl("jdbc:postgresql://h/db")).isEqualTo("jdbc:postgresql://h/db");
        assertThatThrownBy(() -> BenchOptions.jdbcUrl("jdbc:oracle:thin:@h")).hasMessageStartingWith("--url must start with");
    }

    @Test
    void mixes() {
        WorkloadMix mix = WorkloadMix.parse("1:2:3:4");
        assertThat(mix.total()).isEqualTo(10);
        assertThat(mix.pick(0)).isEqualTo(WorkloadMix.Operation.INSERT);
        assertThat(mix.pick(1)).isEqualTo(WorkloadMix.Operation.UPDATE);
        assertThat(mix.pick(2)).isEqualTo(WorkloadMix.Operation.UPDATE);
        assertThat(mix.pick(3)).isEqualTo(WorkloadMix.Operation.DELETE);
        assertThat(mix.pick(5)).isEqualTo(WorkloadMix.Operation.DELETE);
        assertThat(mix.pick(6)).isEqualTo(WorkloadMix.Operation.READ);
        assertThat(mix.pick(9)).isEqualTo(WorkloadMix.Operation.READ);
        assertThat(WorkloadMix.parse("0:1:0:0").pick(0)).isEqualTo(WorkloadMix.Operation.UPDATE);
        assertThatThrownBy(() -> WorkloadMix.parse("0:0:0:0")).hasMessageContaining("not all 0");
        assertThatThrownBy(() -> WorkloadMix.parse("a:b:c:d")).hasMessageContaining("whole numbers");
        assertThatThrownBy(() -> WorkloadMix.parse("1:2:3")).hasMessageContaining("insert:update:delete:read");
    }
}
