package dev.osc.engine.unit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.osc.engine.run.RunResult;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RunResultJsonTest {

    private static String json(Object o) {
        return RunResult.Json.write(o);
    }

    @Test
    void escapesQuotesAndBackslashes() {
        assertThat(json("say \"hi\"")).isEqualTo("\"say \\\"hi\\\"\"");
        assertThat(json("C:\\dir\\")).isEqualTo("\"C:\\\\dir\\\\\"");
        assertThat(json("\\\"")).isEqualTo("\"\\\\\\\"\"");
    }

    @Test
    void escapesControlCharacters() {
        assertThat(json("a\nb\rc\td")).isEqualTo("\"a\\nb\\rc\\td\"");
        assertThat(json("\0")).isEqualTo("\"\\u0000\"");
        assertThat(json("\b\f")).isEqualTo("\"\\u0008\\u000c\"");
        assertThat(json("\u001f")).isEqualTo("\"\\u001f\"");
        assertThat(json("\u007f")).isEqualTo("\"\u007f\""); // DEL needs no escape
        assertThat(json("x\u0001y").chars().filter(c -> c < 0x20).count()).isZero();
    }

    @Test
    void keepsUnicodeAsIs() {
        assertThat(json("größe 表 😀 \u2028")).isEqualTo("\"größe 表 😀 \u2028\"");
        assertThat(json("'single'")).isEqualTo("\"'single'\"");
        assertThat(json("</script>")).isEqualTo("\"</script>\"");
    }

    @Test
    void writesScalarsAndNull() {
        assertThat(json(null)).isEqualTo("null");
        assertThat(json(42L)).isEqualTo("42");
        assertThat(json(-1)).isEqualTo("-1");
        assertThat(json(true)).isEqualTo("true");
        assertThat(json(false)).isEqualTo("false");
        assertThat(json("")).isEqualTo("\"\"");
    }

    @Test
    void writesNestedMapsAndLists() {
        Map<String, Object> inner = new LinkedHashMap<>();
        inner.put("k\"ey", List.of(1, "two", false));
        inner.put("nothing", null);
        Map<String, Object> outer = new LinkedHashMap<>();
        outer.put("a", inner);
        outer.put("empty", List.of());
        outer.put("emptyMap", Map.of());
        outer.put("nulls", Arrays.asList(null, null));
        outer.put("deep", List.of(List.of(Map.of("x", 1))));
        assertThat(json(outer)).isEqualTo(
                "{\"a\":{\"k\\\"ey\":[1,\"two\",false],\"nothing\":null},\"empty\":[],\"emptyMap\":{},"
                        + "\"nulls\":[null,null],\"deep\":[[{\"x\":1}]]}");
    }

    @Test
    void runResultKeepsInsertionOrderAndNullValues() {
        RunResult r = new RunResult().put("status", "done").put("checksum", null).put("rows", 3L)
                .put("warnings", new ArrayList<>(List.of("a\nb")));
        assertThat(r.toJson()).isEqualTo("{\"status\":\"done\",\"checksum\":null,\"rows\":3,\"warnings\":[\"a\\nb\"]}");
        assertThat(r.get("rows")).isEqualTo(3L);
        assertThat(r.fields()).containsKey("checksum");
    }

    @Test
    void otherObjectsAreWrittenAsEscapedStrings() {
        Object weird = new Object() {
            @Override
            public String toString() {
                return "to\"String";
            }
        };
        assertThat(json(weird)).isEqualTo("\"to\\\"String\"");
        assertThat(RunResult.list(List.of("a", "b"))).containsExactly("a", "b");
    }
}
