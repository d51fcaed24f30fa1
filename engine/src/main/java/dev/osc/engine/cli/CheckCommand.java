package dev.osc.engine.cli;

import dev.osc.engine.migrate.AlterVerdict;
import dev.osc.engine.run.Engine;
import dev.osc.engine.run.Engines;
import dev.osc.engine.run.ExitStatus;
import dev.osc.engine.run.OscException;
import dev.osc.engine.run.RunProgress;
import dev.osc.engine.run.RunResult;
import dev.osc.engine.run.RunSettings;
import dev.osc.engine.run.Strategy;
import dev.osc.engine.script.AlterStatement;
import dev.osc.engine.script.SqlScript;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code osc check}: migration files validated before they run (in CI). Every {@code ALTER TABLE}
 * statement is planned exactly as {@code osc plan} would (strategy and why, expected writer hold,
 * destructive actions, refusals and gates); nothing is changed. Exit 0 when every statement would
 * run online without a gate, 3 when a gate or refusal trips, 2 when a statement cannot be parsed
 * or the database rejects it.
 */
@Command(name = "check", mixinStandardHelpOptions = true,
        description = "Check migration files of ALTER TABLE statements against the database: what osc would do with each. Changes nothing.")
final class CheckCommand extends Streams implements Callable<Integer> {
    /** The directive on the line before a statement that allows its destructive actions, like --allow-destructive. */
    static final String ALLOW_DESTRUCTIVE = "allow-destructive";

    @Mixin
    ConnectionMixin connection;

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "migration files: ALTER TABLE statements separated by ;")
    List<Path> files;

    @Option(names = "--json", description = "print one JSON object with every statement's verdict on stdout")
    boolean json;

    @Option(names = "--allow-destructive", description = "allow destructive actions in every statement")
    boolean allowDestructive;

    @Option(names = "--max-direct-hold", defaultValue = "50ms", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "as for osc alter (default 50ms)")
    Duration maxDirectHold;

    @Override
    public Integer call() throws Exception {
        List<Object> verdicts = new ArrayList<>();
        ExitStatus worst = ExitStatus.OK;
        for (Path file : files) {
            List<SqlScript.Statement> statements;
            try {
                statements = SqlScript.split(Files.readString(file, StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw OscException.badInput("cannot read " + file + ": " + e.getMessage());
            } catch (IllegalArgumentException e) {
                throw OscException.badInput(file + ": " + e.getMessage());
            }
            for (SqlScript.Statement statement : statements) {
                RunResult verdict = check(file, statement);
                worst = worse(worst, ExitStatus.valueOf((String) verdict.get("exitStatus")));
                verdicts.add(verdict.fields());
                if (!json) {
                    print(verdict);
                }
            }
        }
        if (json) {
            out.println(new RunResult().put("status", worst == ExitStatus.OK ? "ok" : worst == ExitStatus.REFUSED ? "refused" : "bad-input")
                    .put("statements", verdicts).toJson());
        }
        return worst.code();
    }

    private RunResult check(Path file, SqlScript.Statement statement) throws Exception {
        RunResult verdict = new RunResult().put("file", file.toString()).put("line", (long) statement.line());
        try {
            AlterStatement alter = AlterStatement.parse(statement.text());
            verdict.put("table", alter.table()).put("alter", alter.clause());
            RunSettings settings = new RunSettings(connection.url, connection.user, connection.password(), alter.table(),
                    alter.clause(), false, Strategy.AUTO, 0, Duration.ofMillis(500), false,
                    RunSettings.DEFAULT_DIRECT_THRESHOLD_BYTES, Duration.ofMillis(200), true, false,
                    allowDestructive || statement.hasDirective(ALLOW_DESTRUCTIVE), maxDirectHold);
            Engine engine = Engines.forUrl(settings.url(), err, Clock.systemUTC(), new RunProgress());
            return AlterVerdict.judge(engine.plan(settings), verdict);
        } catch (IllegalArgumentException e) {
            return verdict.put("verdict", "bad-input").put("error", e.getMessage()).put("exitStatus", ExitStatus.BAD_INPUT.name());
        } catch (OscException e) {
            if (e.status() == ExitStatus.BAD_INPUT && e.getMessage().startsWith("cannot connect")) {
                throw e;
            }
            String kind = e.status() == ExitStatus.REFUSED ? "refused" : "bad-input";
            return verdict.put("verdict", kind).put("error", e.getMessage())
                    .put("exitStatus", (e.status() == ExitStatus.REFUSED ? ExitStatus.REFUSED : ExitStatus.BAD_INPUT).name());
        }
    }

    /** Bad input outranks a refusal, which outranks a clean verdict. */
    private static ExitStatus worse(ExitStatus a, ExitStatus b) {
        return a == ExitStatus.BAD_INPUT || b == ExitStatus.BAD_INPUT ? ExitStatus.BAD_INPUT
                : a == ExitStatus.REFUSED || b == ExitStatus.REFUSED ? ExitStatus.REFUSED : ExitStatus.OK;
    }

    private void print(RunResult v) {
        out.println(v.get("file") + ":" + v.get("line") + ": " + v.get("verdict")
                + (v.get("table") != null ? " " + v.get("table") : "")
                + (v.get("strategy") != null ? " (" + v.get("strategy") + ")" : ""));
        for (Map.Entry<String, Object> e : v.fields().entrySet()) {
            if (List.of("file", "line", "verdict", "table", "strategy", "exitStatus", "alter").contains(e.getKey())) {
                continue;
            }
            if (e.getValue() instanceof List<?> list) {
                list.forEach(item -> out.println("  " + e.getKey() + ": " + item));
            } else if (e.getValue() != null) {
                out.println("  " + e.getKey() + ": " + e.getValue());
            }
        }
    }
}
