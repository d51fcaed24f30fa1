package dev.osc.engine.cli;

import dev.osc.engine.migrate.MigrateSettings;
import dev.osc.engine.migrate.MigrationOutcome;
import dev.osc.engine.migrate.Migrator;
import dev.osc.engine.run.RunResult;
import dev.osc.throttling.Sleeper;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code osc migrate}: apply a directory of versioned files (V1__create.sql, V2__add_note.sql, ...)
 * in version order, one migrate at a time per database, every ALTER TABLE through the engine. A dry
 * run unless {@code --execute}. Exit 0 done or nothing to do, 1 a statement failed (recorded, the
 * run stopped there), 2 bad input, 3 refused (a gate, drift, the lock held) before anything ran.
 */
@Command(name = "migrate", mixinStandardHelpOptions = true,
        description = "Apply versioned migration files (Flyway naming) in order, recording each statement in osc_schema_history. "
                + "Without --execute this is a dry run: what each pending statement would do. Changes nothing.")
final class MigrateCommand extends Streams implements Callable<Integer>, JsonOutput {
    @Mixin
    ConnectionMixin connection;

    @Option(names = "--dir", required = true, paramLabel = "DIR", description = "the directory of V<version>__<description>.sql files")
    Path dir;

    @Option(names = "--execute", description = "apply the pending statements (default: dry run)")
    boolean execute;

    @Option(names = "--json", description = "print one JSON object with every pending statement's verdict and outcome on stdout")
    boolean json;

    @Option(names = "--allow-destructive", description = "allow destructive statements in every file (else: -- osc:allow-destructive per statement)")
    boolean allowDestructive;

    @Option(names = "--allow-other-statements", description = "also run statements that are not DDL (DML, GRANT, ...), as written")
    boolean allowOtherStatements;

    @Option(names = "--no-wait", description = "refuse at once (exit 3) when another migrate holds the database's lock")
    boolean noWait;

    @Option(names = "--lock-wait", defaultValue = "10m", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "how long to wait for another migrate to finish (default 10m)")
    Duration lockWait;

    @Option(names = "--repair", description = "record the new checksum of applied files that changed (drift), then go on")
    boolean repair;

    @Option(names = "--baseline", paramLabel = "VERSION", description = "adopt a database without history: versions up to VERSION count as applied")
    String baseline;

    @Option(names = "--undo", paramLabel = "VERSION", description = "apply U<VERSION>__*.sql to undo the latest applied version")
    String undo;

    @Option(names = "--lock-timeout-ms", defaultValue = "200", paramLabel = "N",
            description = "longest wait of a direct statement for its table lock before it gives up and is retried (default 200)")
    long lockTimeoutMs;

    @Option(names = "--max-direct-hold", defaultValue = "50ms", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "as for osc alter (default 50ms)")
    Duration maxDirectHold;

    @Option(names = "--quiet", description = "no progress lines of shadow runs on stderr")
    boolean quiet;

    private RunResult partial = new RunResult();

    @Override
    public Integer call() throws Exception {
        MigrateSettings settings = new MigrateSettings(connection.url, connection.user, connection.password(), dir, execute,
                allowDestructive, allowOtherStatements, noWait ? Duration.ZERO : lockWait, repair,
                MigrateSettings.version("--baseline", baseline), MigrateSettings.version("--undo", undo),
                Duration.ofMillis(lockTimeoutMs), maxDirectHold, !quiet);
        MigrationOutcome outcome = new Migrator(settings, err, Clock.systemUTC(), Sleeper.SYSTEM).run();
        partial = outcome.result();
        if (json) {
            out.println(outcome.result().toJson());
        } else if (!execute) {
            print(outcome.result());
        }
        err.println(switch (outcome.status()) {
            case OK -> "osc: migrate: ";
            case BAD_INPUT -> "osc: error: ";
            case REFUSED -> "osc: refused: ";
            case FAILED -> "osc: failed: ";
        } + outcome.message());
        return outcome.status().code();
    }

    /** Per pending statement: {@code script:line: verdict table (strategy)}, then its reasons, gates and errors. */
    private void print(RunResult result) {
        if (!(result.get("statements") instanceof List<?> statements)) {
            return;
        }
        for (Object s : statements) {
            @SuppressWarnings("unchecked")
            Map<String, Object> v = (Map<String, Object>) s;
            out.println(v.get("script") + ":" + v.get("line") + ": " + v.get("verdict")
                    + (v.get("table") != null ? " " + v.get("table") : "") + (v.get("strategy") != null ? " (" + v.get("strategy") + ")" : ""));
            for (String field : List.of("action", "reasons", "warnings", "destructive", "refusals", "gates", "error")) {
                if (v.get(field) instanceof List<?> list) {
                    list.forEach(item -> out.println("  " + field + ": " + item));
                } else if (v.get(field) != null) {
                    out.println("  " + field + ": " + v.get(field));
                }
            }
        }
    }

    @Override
    public boolean json() {
        return json;
    }

    @Override
    public RunResult partialResult() {
        return partial;
    }
}
