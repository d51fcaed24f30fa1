package dev.osc.bench;

import java.time.Duration;

/** What a peer is asked to do: on which server and table, the ALTER, and the copy chunk's time target osc is given too. */
record PeerJob(PeerTarget target, String table, String alter, Duration chunkTarget) {

    /** The chunk target in seconds, as pt-online-schema-change's --chunk-time takes it (0.5, 0.1, 2). */
    String chunkSeconds() {
        return java.math.BigDecimal.valueOf(chunkTarget.toMillis(), 3).stripTrailingZeros().toPlainString();
    }
}
