package dev.osc.engine.mysql;

import dev.osc.engine.run.AlreadyAltered;
import dev.osc.engine.run.ExitStatus;
import dev.osc.engine.shadow.AdoptedShadow;

import dev.osc.engine.check.CheckContext;
import dev.osc.engine.check.ChangeGates;
import dev.osc.engine.check.CheckPhase;
import dev.osc.engine.check.CheckRegistry;
import dev.osc.engine.check.ClauseFacts;
import dev.osc.engine.check.ProbedChange;
import dev.osc.engine.check.TableConstraints;
import dev.osc.engine.model.Column;
import dev.osc.engine.model.TableInfo;
import dev.osc.engine.model.TableName;
import dev.osc.engine.run.DirectHold;
import dev.osc.engine.run.OscException;
import dev.osc.engine.run.Plan;
import dev.osc.engine.run.RunSettings;
import dev.osc.engine.run.Strategy;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Inspects the table, applies the ALTER to an empty copy to learn which algorithm the server
 * accepts (INSTANT, INPLACE with LOCK=NONE, or only COPY) and what it does to the columns, drops
 * the copy, runs the pre-flight checks of {@link MyChecks} before and after the probe and chooses
 * the strategy. A probe name that is taken refuses at once: the probe could not be built.
 */
public final class MyPlanner {
    private final Connection connection;

    /** The plan and the algorithm the server accepted for the direct path. */
    public record Decision(Plan plan, String algorithm) {
    }

    public MyPlanner(Connection connection) {
        this.connection = connection;
    }

    /** {@code resuming}: the run carries on run {@code runId}, whose shadow and helpers are its own. */
    /** True when the kept old table, altered by {@code clause} on a copy (then dropped), has the table's columns now. */
    private boolean alteredBefore(TableInfo info, MyAlterClause clause, MyRunNames names) throws SQLException {
        MyInspector inspector = new MyInspector(connection);
        if (!inspector.exists(names.old())) {
            return false;
        }
        MyShadowBuilder builder = new MyShadowBuilder(connection);
        try {
            MyShadowReading again = builder.build(names.old(), names.probe(), clause);
            return AdoptedShadow.mismatch(again.columnsAfter(), info.columns()) == null;
        } catch (OscException | SQLException notTheSame) {
            return false;
        } finally {
            builder.drop(names.probe());
        }
    }

    public Decision plan(RunSettings settings, MyAlterClause clause, TableName table, String runId, boolean resuming) throws SQLException {
        MyInspector inspector = new MyInspector(connection);
        TableInfo info = inspector.inspect(table);
        MyRunNames names = new MyRunNames(table, runId);
        CheckRegistry checks = MyChecks.registry();
        ClauseFacts facts = new ClauseFacts(clause.text(), false);
        // resuming: the run's own tables are there (the old table and the sentry too if it stopped right after its swap)
        CheckContext context = resuming ? CheckContext.resuming(connection, info, facts, List.of(names.probe()), runId)
                : CheckContext.beforeProbe(connection, info, facts, MyChecks.runTables(names));
        List<String> refusals = new ArrayList<>(checks.refusals(CheckPhase.PLAN, context));
        if (inspector.exists(names.probe())) {
            throw OscException.refused(String.join("; ", refusals));
        }
        MyShadowBuilder builder = new MyShadowBuilder(connection);
        MyShadowReading probe;
        try {
            probe = builder.build(table, names.probe(), clause);
        } catch (OscException rejected) {
            if (rejected.status() == ExitStatus.BAD_INPUT && alteredBefore(info, clause, names)) {
                throw new AlreadyAltered(info.name() + " already has the shape this ALTER gives (the old table " + names.old()
                        + " a completed run kept, altered the same way, has the same columns): nothing to do");
            }
            throw rejected;
        }
        List<List<String>> probeUniqueKeys;
        TableConstraints probeConstraints;
        try {
            probeUniqueKeys = ChangeGates.uniqueKeys(inspector.indexes(names.probe()));
            probeConstraints = inspector.constraints(names.probe());
        } finally {
            builder.drop(names.probe());
        }
        refusals.addAll(checks.refusals(CheckPhase.PROBED, context.probed(new CheckContext.Probe(probe.mapping(), probe.keyAfter()))));
        List<String> warnings = new ArrayList<>();
        ProbedChange change = new ProbedChange(probe.mapping(), probe.columnsAfter(), probeUniqueKeys,
                inspector.constraints(table), probeConstraints, false, probe.droppedForeignKeys());
        ChangeGates.Verdict verdict = ChangeGates.evaluate(connection, info, change, new MyTypeWidening(), settings.allowDestructive(),
                new ChangeGates.Quoting(MyIdentifiers::quote, MyIdentifiers.quote(info.name())));
        List<String> destructive = verdict.destructive();
        List<String> gates = verdict.gates();
        if (gates.isEmpty()) {
            destructive.forEach(d -> warnings.add(d + " (allowed by --allow-destructive)"));
        }
        for (Column c : probe.columnsAfter()) {
            boolean added = probe.mapping().added().stream().anyMatch(a -> a.targetName().equals(c.name()));
            if (added && !c.nullable() && !c.hasDefault() && !c.identity() && !c.generated() && info.estimatedRows() > 0) {
                warnings.add("adds NOT NULL column " + c.name() + " without a DEFAULT: existing rows get the type's implicit default");
            }
        }
        List<String> rewrite = switch (probe.algorithm()) {
            case "instant" -> List.of();
            case "inplace" -> List.of("the server can do it online (ALGORITHM=INPLACE, LOCK=NONE), rebuilding or scanning in place");
            default -> List.of("the server can only copy the table (ALGORITHM=COPY), blocking writes");
        };
        List<String> reasons = new ArrayList<>();
        Strategy strategy = settings.strategy();
        if (strategy == Strategy.AUTO) {
            if (probe.algorithm().equals("instant")) {
                strategy = Strategy.DIRECT;
                reasons.add("the server accepts ALGORITHM=INSTANT: a metadata-only change");
            } else if (probe.algorithm().equals("inplace")) {
                strategy = Strategy.DIRECT;
                reasons.add("the server accepts ALGORITHM=INPLACE, LOCK=NONE: writes continue during the change");
            } else if (DirectHold.within(info.totalBytes(), settings)) {
                strategy = Strategy.DIRECT;
                reasons.add("the server needs ALGORITHM=COPY, but the table (" + DirectHold.describe(info.totalBytes())
                        + ") is below the direct threshold (" + settings.maxDirectHold().toMillis() + " ms, "
                        + settings.directThresholdBytes() / 1024 / 1024 + " MiB)");
            } else {
                strategy = Strategy.SHADOW;
                reasons.add("the server needs ALGORITHM=COPY, and the table (" + DirectHold.describe(info.totalBytes())
                        + ") is above the direct threshold (" + settings.maxDirectHold().toMillis() + " ms, "
                        + settings.directThresholdBytes() / 1024 / 1024 + " MiB)");
            }
            if (strategy == Strategy.DIRECT && probe.algorithm().equals("copy")) {
                warnings.add("direct DDL copies the table (ALGORITHM=COPY) while holding its lock: writers wait for it ("
                        + DirectHold.describe(info.totalBytes()) + ")");
            }
        } else {
            reasons.add("strategy " + strategy.name().toLowerCase(Locale.ROOT) + " was asked for (the server accepts ALGORITHM="
                    + probe.algorithm().toUpperCase(Locale.ROOT) + ")");
        }
        return new Decision(new Plan(info, probe.mapping(), strategy, reasons, rewrite, refusals, warnings, destructive, gates), probe.algorithm());
    }
}
