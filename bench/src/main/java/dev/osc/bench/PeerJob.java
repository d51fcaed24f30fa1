package dev.osc.bench;

import java.time.Duration;

/**
 * What a peer is asked to do: on which server and table, the ALTER, and the copy chunk's time
 * target osc is given too (null: none was given, and each tool keeps its own default).
 */
record PeerJob(PeerTarget target, String table, String alter, Duration chunkTarget) {

    /** The chunk target in seconds, as pt-online-schema-change's --chunk-time takes it (0.5, 0.1, 2); call only when there is one. */
    String chunkSeconds() {
        return java.math.BigDecimal.valueOf(chunkTarget.toMillis(), 3).stripTrailingZeros().toPlainString();
    }
}
