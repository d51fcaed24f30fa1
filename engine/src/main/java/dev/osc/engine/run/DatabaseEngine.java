package dev.osc.engine.run;

import dev.osc.engine.model.TableName;
import java.io.PrintStream;
import java.sql.Connection;
import java.time.Clock;

/** The commands on any database: plan, and alter by direct DDL or the shadow path, through the orchestrator. */
public final class DatabaseEngine implements Engine {
    private final Database database;
    private final PrintStream log;
    private final Clock clock;
    private final RunProgress progress;

    public DatabaseEngine(Database database, PrintStream log, Clock clock, RunProgress progress) {
        this.database = database;
        this.log = log;
        this.clock = clock;
        this.progress = progress;
    }

    @Override
    public RunResult plan(RunSettings settings) throws Exception {
        Database.Session session = database.session(settings, clock, log);
        try (Connection c = session.connect("osc plan")) {
            TableName table = session.resolve(c);
            // as alter --execute would: the same ALTER after a crash carries the stopped run on
            dev.osc.engine.shadow.SavedRun earlier = session.savedRun(c, table).filter(r -> r.carriesOut(settings.alter())).orElse(null);
            Orchestrator.Planned planned;
            try {
                planned = session.plan(c, table, earlier != null ? earlier.runId() : RunIds.next(clock), earlier != null);
            } catch (AlreadyAltered done) {
                log.println("osc: " + done.getMessage());
                return new RunResult().put("status", "already-altered").put("table", table.toString()).put("strategy", "none");
            }
            Plan plan = planned.plan();
            if (earlier != null && plan.strategy() != Strategy.SHADOW) {
                plan = plan.carriedOutBy(Strategy.SHADOW, "run " + earlier.runId() + " on this table stopped before it finished: it is resumed");
            }
            RunResult result = plan.describe(new RunResult().put("status", "planned"));
            if (earlier != null) {
                result.put("resumes", earlier.runId());
            }
            planned.describe(result);
            return result;
        }
    }

    @Override
    public RunResult alter(RunSettings settings) throws Exception {
        Database.Session session = database.session(settings, clock, log);
        if (settings.execute() && settings.strategy() != Strategy.DIRECT) {
            StreamWarmUp.ONCE.start(database.streamWarmUp());
        }
        try (Connection c = session.connect("osc alter")) {
            return new Orchestrator(settings, log, clock, progress).alter(c, session);
        }
    }
}
