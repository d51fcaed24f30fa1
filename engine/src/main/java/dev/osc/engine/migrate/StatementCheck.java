package dev.osc.engine.migrate;

import dev.osc.engine.run.Engines;
import dev.osc.engine.run.ExitStatus;
import dev.osc.engine.run.OscException;
import dev.osc.engine.run.RunProgress;
import dev.osc.engine.run.RunResult;
import dev.osc.engine.script.AlterStatement;
import java.io.PrintStream;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The pre-flight verdict on one pending statement, before anything runs: what it would do (action,
 * strategy, expected writer hold in the reasons), the gates it trips, and {@code online},
 * {@code refused}, {@code bad-input} or {@code deferred} (an ALTER of a table that does not exist yet,
 * or that the database rejects now while an earlier pending statement changes its table: it is
 * planned, and gated, when it runs). The engine plans and gates every ALTER again when it runs. An ALTER TABLE is planned by the engine and
 * judged by {@link AlterVerdict}, as {@code osc check} judges it.
 */
final class StatementCheck {
    private static final Pattern WORD = Pattern.compile("[A-Za-z0-9_$]+");
    private final MigrateSettings settings;
    private final MigrationDialect dialect;
    private final Connection connection;
    private final PrintStream log;
    private final Clock clock;
    /** The bare names of the tables (and other words) the statements checked so far change: an ALTER of one is planned when it runs. */
    private final Set<String> touched = new HashSet<>();

    StatementCheck(MigrateSettings settings, MigrationDialect dialect, Connection connection, PrintStream log, Clock clock) {
        this.settings = settings;
        this.dialect = dialect;
        this.connection = connection;
        this.log = log;
        this.clock = clock;
    }

    /** Judges {@code p}, the pending statements before it having been judged by this object, in order. */
    RunResult check(PendingStatement p) throws Exception {
        RunResult v = judge(p);
        touched.addAll(changes(p));
        return v;
    }

    private RunResult judge(PendingStatement p) throws Exception {
        RunResult v = p.describe();
        Directives d;
        try {
            d = Directives.parse(p.statement().directives());
        } catch (IllegalArgumentException e) {
            return badInput(v, e.getMessage());
        }
        if (d.tunesTheEngine() && p.kind() != StatementKind.ALTER_TABLE) {
            return badInput(v, "directives other than osc:allow-destructive apply only to ALTER TABLE");
        }
        return switch (p.kind()) {
            case ALTER_TABLE -> alter(p, d, v);
            case CREATE_INDEX -> createIndex(p, v);
            case DDL -> direct(p, d, v, "direct DDL under a lock timeout of " + settings.lockTimeout().toMillis() + " ms, retried");
            case OTHER -> settings.allowOtherStatements()
                    ? direct(p, d, v, "runs as written (--allow-other-statements)")
                    : refused(v.put("action", "refused"), List.of("not DDL: migrate runs only DDL unless --allow-other-statements"));
        };
    }

    private RunResult alter(PendingStatement p, Directives d, RunResult v) throws Exception {
        AlterStatement alter;
        try {
            alter = AlterStatement.parse(p.text());
        } catch (IllegalArgumentException e) {
            return badInput(v, e.getMessage());
        }
        v.put("table", alter.table()).put("action", "osc engine");
        if (!dialect.tableExists(connection, alter.table())) {
            return deferred(v, "table " + alter.table() + " does not exist yet: planned and gated when the statement runs");
        }
        try {
            RunResult plan = Engines.forUrl(settings.url(), log, clock, new RunProgress()).plan(AlterSettings.of(settings, alter, d, false));
            return AlterVerdict.judge(plan, v);
        } catch (OscException e) {
            if (e.status() == ExitStatus.BAD_INPUT && touched.contains(bareName(alter.table()))) {
                return deferred(v, "the database rejects it before the earlier pending statements on " + alter.table()
                        + " have run (" + e.getMessage() + "): planned and gated when the statement runs");
            }
            return e.status() == ExitStatus.REFUSED ? refused(v, List.of(e.getMessage())) : badInput(v, e.getMessage());
        }
    }

    private RunResult createIndex(PendingStatement p, RunResult v) throws SQLException {
        Optional<CreateIndexStatement> index = CreateIndexStatement.parse(p.text());
        if (index.isEmpty()) {
            return direct(p, Directives.NONE, v, "direct DDL under a lock timeout of " + settings.lockTimeout().toMillis() + " ms, retried");
        }
        v.put("table", index.get().table());
        Optional<String> online = dialect.online(index.get());
        if (!dialect.tableExists(connection, index.get().table())) {
            return online(v.put("action", "direct (the table does not exist yet; built " + (online.isPresent() ? "concurrently" : "as written")
                    + " if it has rows when the statement runs)").put("strategy", "direct"));
        }
        if (online.isPresent() && !dialect.tableEmpty(connection, index.get().table())) {
            return online(v.put("action", online.get()).put("strategy", "concurrently")
                    .put("reasons", List.of("built without blocking writers, outside a transaction")));
        }
        return online(v.put("action", online.isPresent() ? "direct (the table is empty)" : "direct (built in place, writers not blocked)")
                .put("strategy", "direct"));
    }

    private RunResult direct(PendingStatement p, Directives d, RunResult v, String action) {
        v.put("action", action).put("strategy", "direct");
        String destroys = StatementKind.destroys(p.text());
        if (destroys == null) {
            return online(v);
        }
        v.put("destructive", List.of(destroys));
        if (settings.allowDestructive() || d.allowDestructive()) {
            return online(v);
        }
        return refused(v, List.of(destroys + ": allow it with -- osc:" + Directives.ALLOW_DESTRUCTIVE
                + " before the statement or --allow-destructive"));
    }

    /** What a statement may change: an ALTER TABLE its table; any other statement but an index build, every word in it. */
    private static Set<String> changes(PendingStatement p) {
        if (p.kind() == StatementKind.CREATE_INDEX) {
            return Set.of();
        }
        if (p.kind() == StatementKind.ALTER_TABLE) {
            try {
                return Set.of(bareName(AlterStatement.parse(p.text()).table()));
            } catch (IllegalArgumentException e) {
                return Set.of();
            }
        }
        Set<String> words = new HashSet<>();
        Matcher m = WORD.matcher(p.text().replace("\"", "").replace("`", ""));
        while (m.find()) {
            words.add(m.group().toLowerCase(Locale.ROOT));
        }
        return words;
    }

    /** {@code public."Mg_A"} as {@code mg_a}: the last part, quotes taken out, in lower case (a comparison that may only defer more). */
    private static String bareName(String written) {
        String unquoted = written.replace("\"", "").replace("`", "");
        return unquoted.substring(unquoted.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT);
    }

    private static RunResult deferred(RunResult v, String why) {
        return v.put("verdict", "deferred").put("reasons", List.of(why)).put("exitStatus", ExitStatus.OK.name());
    }

    private static RunResult online(RunResult v) {
        return v.put("verdict", "online").put("exitStatus", ExitStatus.OK.name());
    }

    private static RunResult refused(RunResult v, List<String> gates) {
        return v.put("gates", gates).put("verdict", "refused").put("exitStatus", ExitStatus.REFUSED.name());
    }

    private static RunResult badInput(RunResult v, String error) {
        return v.put("verdict", "bad-input").put("error", error).put("exitStatus", ExitStatus.BAD_INPUT.name());
    }
}
