package dev.osc.engine.migrate;

import java.time.Instant;

/**
 * One row of {@code osc_schema_history}: one statement of a file applied (or undone, or failed), a
 * baseline, or the mark that a version was undone. {@code statementIndex} is 1-based; 0 for the marks.
 */
public record HistoryRow(String version, String description, Kind kind, String script, String checksum, int statementIndex,
                         String strategy, String runId, Instant startedAt, Instant finishedAt, long durationMs, boolean success,
                         String error) {

    /** What a row records, stored as its lower-case name. */
    public enum Kind {
        MIGRATE, UNDO, UNDONE, BASELINE;

        public String stored() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        static Kind ofStored(String s) {
            return valueOf(s.toUpperCase(java.util.Locale.ROOT));
        }
    }
}
