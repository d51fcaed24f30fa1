package dev.osc.engine.mysql;

import static org.assertj.core.api.Assertions.assertThat;

import dev.osc.engine.check.CheckContext;
import dev.osc.engine.check.ClauseFacts;
import dev.osc.engine.check.Tables;
import dev.osc.engine.model.TableInfo;
import dev.osc.engine.model.TableName;
import java.util.List;
import org.junit.jupiter.api.Test;

class MyNameLengthCheckTest {
    private static List<String> refusals(String tableName) {
        TableInfo t = Tables.keyed("id");
        TableInfo named = new TableInfo(new TableName("d", tableName), t.oid(), t.columns(), t.keyColumns(), t.keySource(),
                t.estimatedRows(), t.totalBytes(), t.indexes(), t.foreignKeysOut(), t.foreignKeysIn(), t.triggers(),
                t.dependentViews(), false, false, false);
        return new MyNameLengthCheck().refusals(CheckContext.beforeProbe(null, named, new ClauseFacts("", false), List.of()));
    }

    @Test
    void theLongestNameWhoseShadowFitsPassesOneMoreCharacterIsRefused() {
        assertThat(refusals("é".repeat(MyRunNames.MAX_SOURCE_NAME_CHARS))).isEmpty();
        assertThat(refusals("é".repeat(MyRunNames.MAX_SOURCE_NAME_CHARS + 1))).containsExactly(
                "table names longer than 56 characters are not supported by the shadow path on MySQL yet");
    }
}
