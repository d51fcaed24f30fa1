package dev.osc.bench;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One tool's row of a side-by-side run: what it did, how long it took, and what the writers saw
 * while it ran (each transaction that overlapped the run counted once).
 *
 * @param status done, failed or skipped
 */
record ToolFigures(String tool, String does, String status, String command, int exit, double seconds, long rows,
                   LatencySummary writes, long transactions, long errors, long deadlocks, String note) {

    static ToolFigures skipped(String tool, String does, String reason) {
        return new ToolFigures(tool, does, "skipped", null, 0, 0, 0, LatencySummary.NONE, 0, 0, 0, reason);
    }

    static ToolFigures ran(String tool, String does, String command, int exit, double seconds, long rows, FixtureLoad workload,
                           String note) {
        return new ToolFigures(tool, does, exit == 0 ? "done" : "failed", command, exit, seconds, rows, workload.writes().duringRun(),
                workload.transactions(), workload.errors(), workload.deadlocks(), note);
    }

    /** osc's row, from its run under the workload: the note gives where its time went. */
    static ToolFigures osc(OscUnderLoad.Figures osc, String alter, String command, long rows) {
        var r = osc.result();
        String note = osc.error() != null ? osc.error() : String.format(java.util.Locale.ROOT,
                "copy %.2f s, indexes %.2f s, checksum %.2f s; writers held %s ms at the swap, %s ms at the checksum",
                seconds(r.get("copyMs")), seconds(r.get("indexBuildMs")), seconds(r.get("checksumMs")), r.get("cutoverBlockingMs"),
                r.get("checksumBlockingMs"));
        return ran("osc", "the same ALTER: " + alter, command, osc.exit(), osc.seconds(), rows, osc.workload(), note);
    }

    private static double seconds(Object millis) {
        return millis instanceof Number n ? n.longValue() / 1000.0 : 0;
    }

    boolean done() {
        return status.equals("done");
    }

    double rowsPerSecond() {
        return seconds <= 0 ? 0 : rows / seconds;
    }

    Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("tool", tool);
        m.put("does", does);
        m.put("status", status);
        m.put("command", command);
        m.put("exit", exit);
        m.put("seconds", round(seconds));
        m.put("rows", rows);
        m.put("rowsPerSecond", Math.round(rowsPerSecond()));
        m.put("writesDuringRun", writes.toMap());
        m.put("transactions", transactions);
        m.put("writerErrors", errors);
        m.put("deadlocks", deadlocks);
        m.put("note", note);
        return m;
    }

    static double round(double v) {
        return Math.round(v * 1000.0) / 1000.0;
    }
}
