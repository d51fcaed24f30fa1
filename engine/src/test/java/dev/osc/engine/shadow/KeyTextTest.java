package dev.osc.engine.shadow;

import static org.assertj.core.api.Assertions.assertThat;

import dev.osc.engine.run.RunResult;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class KeyTextTest {
    @Test
    void aKeyReadsBackAsTheStateRowWroteIt() {
        List<String> key = List.of("42", "a \"quoted\" \\ value", "line\nbreak\ttab", "é€", "\u0001");
        assertThat(KeyText.parse(RunResult.Json.write(key))).isEqualTo(key);
    }

    @Test
    void numbersAndNullsAsTheServerMayNormalizeThem() {
        assertThat(KeyText.parse("[1, \"x\", null]")).isEqualTo(Arrays.asList("1", "x", null));
    }

    @Test
    void aSavedRunCarriesOutTheSameClauseWhateverItsSpacing() {
        SavedRun run = new SavedRun("r", "copy", dev.osc.engine.copy.Bound.none(), 0, "ALTER COLUMN v  TYPE bigint;", null, null);
        assertThat(run.carriesOut(" ALTER COLUMN v TYPE\\nbigint".replace("\\n", "\n"))).isTrue();
        assertThat(run.carriesOut("ALTER COLUMN v TYPE int")).isFalse();
    }
}
