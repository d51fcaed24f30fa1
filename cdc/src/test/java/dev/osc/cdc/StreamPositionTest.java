package dev.osc.cdc;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class StreamPositionTest {
    @Test
    void positionsReadFromTheConnectorsOffsets() {
        assertThat(StreamPosition.fromOffset(java.util.Map.of("lsn", 0x16B3748L)).toString()).isEqualTo("lsn 0/16B3748");
        assertThat(StreamPosition.fromOffset(java.util.Map.of("lsn", 0x1_0000_00A0L, "lsn_commit", 0x1_0000_0090L, "txId", 771L)))
                .isEqualTo(new StreamPosition.Lsn(0x1_0000_00A0L, 0x1_0000_0090L, 771))
                .hasToString("lsn 1/A0 commit 1/90 tx 771");
        assertThat(StreamPosition.fromOffset(java.util.Map.of("file", "mariadb-bin.000003", "pos", 4567L, "row", 1)))
                .hasToString("binlog mariadb-bin.000003:4567");
        assertThat(StreamPosition.fromOffset(java.util.Map.of("file", "mariadb-bin.000003", "pos", 4567L, "gtids", "0-1-42")))
                .isEqualTo(new StreamPosition.Binlog("mariadb-bin.000003", 4567, "0-1-42"))
                .hasToString("binlog mariadb-bin.000003:4567 gtids 0-1-42");
        assertThat(StreamPosition.fromOffset(java.util.Map.of("other", 1))).isNull();
        assertThat(StreamPosition.fromOffset(null)).isNull();
    }
}
