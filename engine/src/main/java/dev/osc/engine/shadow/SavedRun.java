package dev.osc.engine.shadow;

import dev.osc.engine.copy.Bound;

/**
 * What an earlier run on a table recorded in its state row before it stopped (killed, say): its
 * id, phase, committed copy watermark and rows, the ALTER clause it was carrying out and its
 * change stream's saved position (null when none was saved) and the source's definition it
 * started from (null when none was saved); {@code windowEnds}, when its revert window was to end (null: none opened).
 */
public record SavedRun(String runId, String phase, Bound watermark, long rowsCopied, String alterClause, String streamOffsets,
                       java.util.List<String> sourceShape, java.time.Instant windowEnds) {

    public SavedRun(String runId, String phase, Bound watermark, long rowsCopied, String alterClause, String streamOffsets,
                    java.util.List<String> sourceShape) {
        this(runId, phase, watermark, rowsCopied, alterClause, streamOffsets, sourceShape, null);
    }

    /** True when {@code clause} is the ALTER this run was carrying out (whitespace aside). */
    public boolean carriesOut(String clause) {
        return alterClause != null && normalized(alterClause).equals(normalized(clause));
    }

    /** Where the copy stands, for the operator: {@code 12000 rows copied, up to key [4711]}. */
    public String describeCopy() {
        String bound = switch (watermark.kind()) {
            case NONE -> "nothing copied yet";
            case ALL -> "the copy complete";
            case KEY -> "up to key " + watermark.key();
        };
        return rowsCopied + " rows copied, " + bound;
    }

    private static String normalized(String clause) {
        String s = clause.strip();
        while (s.endsWith(";")) {
            s = s.substring(0, s.length() - 1).strip();
        }
        return s.replaceAll("\\s+", " ");
    }
}
