package dev.osc.engine.cli;

import picocli.CommandLine.Option;

/** --table, --alter and --json, shared by plan and alter (a picocli mixin). */
class TableMixin {
    @Option(names = "--table", required = true, paramLabel = "[SCHEMA.]TABLE", description = "the table to alter")
    String table;

    @Option(names = "--alter", required = true, paramLabel = "ALTER CLAUSE",
            description = "one ALTER TABLE clause, e.g. \"ALTER COLUMN id TYPE bigint\" or \"ADD COLUMN note text\"")
    String alter;

    @Option(names = "--json", description = "print one JSON object with the result on stdout")
    boolean json;
}
