package dev.osc.cdc;

import java.util.Map;

/**
 * Where in the source's change log a batch ends, as the connector reports it in a record's
 * source offset: a PostgreSQL WAL position or a MySQL-family binlog coordinate. Read for the
 * state row and for people; Debezium's own offset store is what a restart resumes from.
 */
public sealed interface StreamPosition permits StreamPosition.Lsn, StreamPosition.Binlog {

    /**
     * A PostgreSQL WAL position: the record's {@code lsn}, and, when the offset carries them, the
     * last commit LSN ({@code lsn_commit}, what the slot is confirmed to on a flush) and the
     * transaction id; 0 when absent.
     */
    record Lsn(long lsn, long commitLsn, long txId) implements StreamPosition {
        @Override
        public String toString() {
            return "lsn " + text(lsn) + (commitLsn != 0 ? " commit " + text(commitLsn) : "") + (txId != 0 ? " tx " + txId : "");
        }

        /** PostgreSQL's text form of an LSN, e.g. {@code 0/16B3748}. */
        public static String text(long lsn) {
            return Long.toHexString(lsn >>> 32).toUpperCase() + "/" + Long.toHexString(lsn & 0xFFFFFFFFL).toUpperCase();
        }
    }

    /** A binlog coordinate, with the GTID set when the offset carries one (else null). */
    record Binlog(String file, long pos, String gtids) implements StreamPosition {
        @Override
        public String toString() {
            return "binlog " + file + ":" + pos + (gtids != null && !gtids.isEmpty() ? " gtids " + gtids : "");
        }
    }

    /** The position in a connector's source offset, or null when it has neither an LSN nor a binlog file. */
    static StreamPosition fromOffset(Map<String, ?> offset) {
        if (offset == null) {
            return null;
        }
        if (offset.get("lsn") instanceof Number lsn) {
            return new Lsn(lsn.longValue(), asLong(offset.get("lsn_commit")), asLong(offset.get("txId")));
        }
        if (offset.get("file") instanceof String file) {
            return new Binlog(file, asLong(offset.get("pos")), offset.get("gtids") instanceof String g ? g : null);
        }
        return null;
    }

    private static long asLong(Object value) {
        return value instanceof Number n ? n.longValue() : 0;
    }
}
