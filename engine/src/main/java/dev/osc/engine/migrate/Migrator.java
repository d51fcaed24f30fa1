package dev.osc.engine.migrate;

import dev.osc.engine.run.Connector;
import dev.osc.engine.run.ExitStatus;
import dev.osc.engine.run.JdbcUrls;
import dev.osc.engine.run.OscException;
import dev.osc.engine.run.RunIds;
import dev.osc.engine.run.RunInterrupted;
import dev.osc.engine.run.RunResult;
import dev.osc.throttling.Sleeper;
import java.io.PrintStream;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code osc migrate}: a directory of versioned files against {@code osc_schema_history}, in five
 * steps. Take the database's migrate lock (execute only; a dry run reads and changes nothing), read
 * the history after it, compare (drift and out-of-order files refuse), judge every pending statement
 * before any runs (one refusal refuses the whole set), then run them in order, recording each in
 * the history as it ends; the first failure stops the run and is recorded too.
 */
public final class Migrator {
    private final MigrateSettings settings;
    private final PrintStream log;
    private final Clock clock;
    private final Sleeper sleeper;

    public Migrator(MigrateSettings settings, PrintStream log, Clock clock, Sleeper sleeper) {
        this.settings = settings;
        this.log = log;
        this.clock = clock;
        this.sleeper = sleeper;
    }

    /** Bad input (a misnamed file, a bad URL, no connection) is thrown as {@link OscException}; every other outcome is returned. */
    public MigrationOutcome run() throws Exception {
        long start = clock.millis();
        MigrationDialect dialect = MigrationDialect.forUrl(settings.url());
        MigrationDirectory dir = MigrationDirectory.read(settings.dir(), dialect.backslashEscapes());
        Connector connector = dialect.connector(settings.url(), settings.user(), settings.password());
        RunResult result = new RunResult().put("status", null).put("runId", RunIds.next(clock))
                .put("execute", settings.execute());
        try (Connection c = connector.openChecked("osc migrate");
             MigrationLock lock = settings.execute()
                     ? MigrationLock.acquire(connector, dialect, settings.lockWait(), clock, sleeper, log) : null) {
            c.setAutoCommit(true);
            MigrationOutcome outcome = migrate(c, dialect, dir, result);
            result.put("durationMs", clock.millis() - start);
            return outcome;
        }
    }

    private MigrationOutcome migrate(Connection c, MigrationDialect dialect, MigrationDirectory dir, RunResult result) throws Exception {
        HistoryTable history = new HistoryTable(c, dialect);
        MigrationPlan plan;
        try {
            plan = MigrationPlan.of(dir, new AppliedVersions(history.read()), settings);
        } catch (OscException e) {
            if (e.status() != ExitStatus.REFUSED) {
                throw e;
            }
            return end(result, ExitStatus.REFUSED, "refused", e.getMessage());
        }
        result.put("appliedVersions", (long) plan.appliedVersions()).put("pending", (long) plan.pending().size())
                .put("drift", labels(plan.drifted())).put("missing", plan.missing()).put("outOfOrder", labels(plan.outOfOrder()))
                .put("baseline", settings.baseline() == null ? null : settings.baseline().toString())
                .put("undo", settings.undo() == null ? null : settings.undo().toString());
        for (String m : plan.missing()) {
            log.println("osc: warning: " + m + " is in " + HistoryTable.NAME + " but not in the directory");
        }
        if (!plan.drifted().isEmpty() && !settings.repair()) {
            return end(result, ExitStatus.REFUSED, "refused", "drift: " + String.join(", ", labels(plan.drifted()))
                    + " changed since applied (checksum differs); restore the file, or record its new checksum with --repair");
        }
        if (!plan.outOfOrder().isEmpty()) {
            return end(result, ExitStatus.REFUSED, "refused", String.join(", ", labels(plan.outOfOrder()))
                    + " is older than the latest applied version and was never applied; give it a newer version");
        }
        List<RunResult> verdicts = preflight(c, dialect, plan.pending());
        result.put("statements", verdicts.stream().map(RunResult::fields).toList());
        MigrationOutcome refused = firstRefusal(verdicts, result);
        if (refused != null) {
            return refused;
        }
        boolean nothing = plan.pending().isEmpty() && settings.baseline() == null && (plan.drifted().isEmpty() || !settings.repair());
        if (nothing) {
            return end(result, ExitStatus.OK, "up-to-date", "up to date: " + plan.appliedVersions() + " versions applied, nothing to do");
        }
        if (!settings.execute()) {
            return end(result, ExitStatus.OK, "dry-run", "dry run: " + plan.pending().size() + " statements pending"
                    + (settings.baseline() == null ? "" : ", baseline at " + settings.baseline()) + "; add --execute to apply them");
        }
        return execute(c, dialect, history, plan, verdicts, result);
    }

    private List<RunResult> preflight(Connection c, MigrationDialect dialect, List<PendingStatement> pending) throws Exception {
        StatementCheck check = new StatementCheck(settings, dialect, c, log, clock);
        List<RunResult> verdicts = new ArrayList<>();
        for (PendingStatement p : pending) {
            verdicts.add(check.check(p));
        }
        return verdicts;
    }

    /** Bad input outranks a refusal; either stops the run before any statement runs. */
    private static MigrationOutcome firstRefusal(List<RunResult> verdicts, RunResult result) {
        for (String kind : List.of(ExitStatus.BAD_INPUT.name(), ExitStatus.REFUSED.name())) {
            for (RunResult v : verdicts) {
                if (kind.equals(v.get("exitStatus"))) {
                    ExitStatus status = ExitStatus.valueOf(kind);
                    String why = v.get("error") != null ? String.valueOf(v.get("error")) : String.join("; ", strings(v.get("gates")));
                    return end(result, status, status == ExitStatus.BAD_INPUT ? "bad-input" : "refused",
                            v.get("script") + " statement " + v.get("statement") + " (line " + v.get("line") + "): " + why
                                    + "; no statement was run");
                }
            }
        }
        return null;
    }

    private MigrationOutcome execute(Connection c, MigrationDialect dialect, HistoryTable history, MigrationPlan plan,
                                     List<RunResult> verdicts, RunResult result) throws Exception {
        history.create();
        String runId = String.valueOf(result.get("runId"));
        if (settings.baseline() != null) {
            Instant now = clock.instant();
            history.insert(new HistoryRow(settings.baseline().toString(), "baseline", HistoryRow.Kind.BASELINE, "--baseline", null, 0,
                    "baseline", runId, now, now, 0, true, null));
            log.println("osc: baseline at " + settings.baseline() + ": versions up to it count as applied");
        }
        if (settings.repair()) {
            for (MigrationFile f : plan.drifted()) {
                history.repair(f.version().toString(), f.checksum());
                log.println("osc: repaired: " + f.label() + " now has the file's checksum");
            }
        }
        StatementRunner runner = new StatementRunner(settings, dialect, c, log, clock);
        long applied = 0;
        for (int i = 0; i < plan.pending().size(); i++) {
            PendingStatement p = plan.pending().get(i);
            RunResult v = verdicts.get(i);
            log.println("osc: " + p.label() + ": " + v.get("kind") + (v.get("table") != null ? " " + v.get("table") : ""));
            Instant started = clock.instant();
            try {
                StatementRunner.Ran ran = runner.run(p, strategy -> history.insert(row(p, strategy, runId, started, clock.instant(), true, null)));
                Instant finished = clock.instant();
                v.put("outcome", "applied").put("strategy", ran.strategy()).put("durationMs", finished.toEpochMilli() - started.toEpochMilli());
                if (ran.engine() != null) {
                    v.put("cutoverBlockingMs", ran.engine().get("cutoverBlockingMs")).put("rowsCopied", ran.engine().get("rowsCopied"));
                }
                applied++;
                log.println("osc: " + p.label() + ": applied (" + ran.strategy() + ") in " + v.get("durationMs") + " ms");
            } catch (Exception e) {
                String error = describe(e);
                Instant finished = clock.instant();
                String planned = v.get("strategy") != null ? String.valueOf(v.get("strategy"))
                        : p.kind() == StatementKind.ALTER_TABLE ? "engine" : "direct";
                history.insert(row(p, planned, runId, started, finished, false, error));
                v.put("outcome", "failed").put("error", error);
                result.put("applied", applied);
                if (e instanceof RunInterrupted) {
                    throw e;
                }
                boolean refusal = e instanceof OscException o && o.status() == ExitStatus.REFUSED;
                return end(result, refusal ? ExitStatus.REFUSED : ExitStatus.FAILED, refusal ? "refused" : "failed",
                        p.label() + ": " + error + "; recorded in " + HistoryTable.NAME + ", migrate stopped here: fix it and run again");
            }
        }
        if (settings.undo() != null) {
            Instant now = clock.instant();
            MigrationFile undo = plan.pending().isEmpty() ? null : plan.pending().get(0).file();
            history.insert(new HistoryRow(settings.undo().toString(), "undone", HistoryRow.Kind.UNDONE,
                    undo == null ? "--undo" : undo.script(), null, 0, "undo", runId, now, now, 0, true, null));
        }
        result.put("applied", applied);
        return end(result, ExitStatus.OK, "done", applied + " statements applied" + (settings.undo() == null ? "" : ", V" + settings.undo()
                + " undone"));
    }

    private static HistoryRow row(PendingStatement p, String strategy, String runId, Instant started, Instant finished, boolean ok,
                                  String error) {
        return new HistoryRow(p.file().version().toString(), p.file().description(), p.recordAs(), p.file().script(),
                p.file().checksum(), p.index(), strategy, runId, started, finished, finished.toEpochMilli() - started.toEpochMilli(), ok,
                error);
    }

    private static MigrationOutcome end(RunResult result, ExitStatus status, String name, String message) {
        result.put("status", name);
        if (status != ExitStatus.OK) {
            result.put("error", message);
        }
        return new MigrationOutcome(status, JdbcUrls.redacted(message), result);
    }

    static String describe(Throwable e) {
        String message = JdbcUrls.oneLine(e);
        if (!(e instanceof OscException) && e instanceof SQLException s && s.getSQLState() != null) {
            message += " (SQLSTATE " + s.getSQLState() + ")";
        }
        return JdbcUrls.redacted(message);
    }

    private static List<String> labels(List<MigrationFile> files) {
        return files.stream().map(MigrationFile::label).toList();
    }

    private static List<String> strings(Object list) {
        return list instanceof List<?> l ? l.stream().map(String::valueOf).toList() : List.of();
    }
}
