package dev.osc.engine.migrate;

import dev.osc.engine.run.RunResult;
import dev.osc.engine.script.SqlScript;

/** One statement still to run: its file, its 1-based place in the file, and what it records in the history. */
public record PendingStatement(MigrationFile file, int index, SqlScript.Statement statement, StatementKind kind,
                               HistoryRow.Kind recordAs) {

    public String text() {
        return statement.text();
    }

    /** "V2 (add note) statement 1 of 3, line 4", for messages. */
    public String label() {
        return file.label() + " statement " + index + " of " + file.statements().size() + ", line " + statement.line();
    }

    /** The fields every report of this statement starts with. */
    public RunResult describe() {
        String oneLine = text().replaceAll("\\s+", " ");
        return new RunResult().put("version", file.version().toString()).put("script", file.script()).put("statement", (long) index)
                .put("line", (long) statement.line()).put("kind", kind.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' '))
                .put("sql", oneLine.length() > 120 ? oneLine.substring(0, 117) + "..." : oneLine);
    }
}
