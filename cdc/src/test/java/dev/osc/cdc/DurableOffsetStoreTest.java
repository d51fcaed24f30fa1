package dev.osc.cdc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DurableOffsetStoreTest {
    private static ByteBuffer utf8(String s) {
        return ByteBuffer.wrap(s.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void offsetsSurviveTheirTextForm() {
        Map<ByteBuffer, ByteBuffer> offsets = Map.of(utf8("[\"osc_1\",{\"server\":\"osc_1\"}]"),
                utf8("{\"file\":\"binlog.000003\",\"pos\":4711,\"note\":\"a b\\nc\"}"),
                utf8("[\"osc_1\",{\"other\":1}]"), utf8("{\"lsn\":123}"));
        String text = DurableOffsetStore.encode(offsets);
        assertThat(DurableOffsetStore.decode(text)).isEqualTo(offsets);
        assertThat(DurableOffsetStore.describe(text)).contains("\"file\":\"binlog.000003\"", "\"lsn\":123");
    }

    @Test
    void nothingSavedIsNoOffsets() {
        assertThat(DurableOffsetStore.decode(null)).isEmpty();
        assertThat(DurableOffsetStore.decode("")).isEmpty();
    }

    @Test
    void aDamagedLineIsAnErrorNotAnEmptyPosition() {
        assertThatThrownBy(() -> DurableOffsetStore.decode("justonefield\n")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aStartingPositionIsWrittenAsTheEngineWritesOffsets() {
        String text = DurableOffsetStore.startingAt("osc_1", Map.of("server", "osc_1"), Map.of("lsn", 123L));
        assertThat(DurableOffsetStore.decode(text)).isEqualTo(Map.of(utf8("[\"osc_1\",{\"server\":\"osc_1\"}]"), utf8("{\"lsn\":123}")));
    }
}
