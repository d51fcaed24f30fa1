package dev.osc.engine.pg;

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
 * Inspects the table, probes the ALTER on an empty copy in a transaction it rolls back (nothing
 * is left behind), runs the pre-flight checks of {@link PgChecks} before and after the probe and
 * chooses the strategy. A probe name that is taken refuses at once: the probe could not be built.
 */
public final class PgPlanner {
    private final Connection connection;
    private List<List<String>> probeUniqueKeys = List.of();
    private TableConstraints probeConstraints;

    public PgPlanner(Connection connection) {
        this.connection = connection;
    }

    /** {@code resuming}: the run carries on run {@code runId}, whose shadow, helpers, slot and publication are its own. */
    public Plan plan(RunSettings settings, PgAlterClause clause, TableName table, String runId, boolean resuming) throws SQLException {
        PgInspector inspector = new PgInspector(connection);
        TableInfo info = inspector.inspect(table);
        PgRunNames names = new PgRunNames(table, runId);
        CheckRegistry checks = PgChecks.registry();
        ClauseFacts facts = new ClauseFacts(clause.text(), clause.hasUsingExpression());
        CheckContext context = resuming ? CheckContext.resuming(connection, info, facts, List.of(names.probe()), runId)
                : CheckContext.beforeProbe(connection, info, facts, PgChecks.runTables(names));
        List<String> refusals = new ArrayList<>(checks.refusals(CheckPhase.PLAN, context));
        if (!PgLeftoverNamesCheck.existing(context, List.of(names.probe())).isEmpty()) {
            throw OscException.refused(String.join("; ", refusals));
        }
        ShadowReading probe;
        try {
            probe = probe(info, clause, names.probe());
        } catch (OscException rejected) {
            if (rejected.status() == ExitStatus.BAD_INPUT && alteredBefore(info, clause, names)) {
                throw new AlreadyAltered(info.name() + " already has the shape this ALTER gives (the old table " + names.old()
                        + " a completed run kept, altered the same way, has the same columns): nothing to do");
            }
            throw rejected;
        }
        refusals.addAll(checks.refusals(CheckPhase.PROBED, context.probed(new CheckContext.Probe(probe.mapping(), probe.keyAfter()))));
        List<String> warnings = new ArrayList<>();
        ProbedChange change = new ProbedChange(probe.mapping(), probe.columnsAfter(), probeUniqueKeys,
                inspector.constraints(info.oid()), probeConstraints, clause.hasUsingExpression(),
                probe.droppedForeignKeys());
        ChangeGates.Verdict verdict = ChangeGates.evaluate(connection, info, change, new PgTypeWidening(), settings.allowDestructive(),
                new ChangeGates.Quoting(PgIdentifiers::quote, PgIdentifiers.quote(info.name())));
        List<String> destructive = verdict.destructive();
        List<String> gates = verdict.gates();
        if (gates.isEmpty()) {
            destructive.forEach(d -> warnings.add(d + " (allowed by --allow-destructive)"));
        }
        for (Column c : probe.columnsAfter()) {
            boolean added = probe.mapping().added().stream().anyMatch(a -> a.targetName().equals(c.name()));
            if (added && !c.nullable() && !c.hasDefault() && !c.identity() && !c.generated() && info.estimatedRows() > 0) {
                throw OscException.badInput("the ALTER adds NOT NULL column " + c.name() + " without a DEFAULT; existing rows would violate it");
            }
        }
        List<String> reasons = new ArrayList<>();
        Strategy strategy = settings.strategy();
        boolean small = DirectHold.within(info.totalBytes(), settings);
        List<String> scans = validationScans(info, clause);
        List<String> rewrite = new ArrayList<>(probe.rewriteReasons());
        rewrite.addAll(scans);
        if (strategy == Strategy.AUTO) {
            if (!probe.rewrites() && !scans.isEmpty()) {
                strategy = Strategy.DIRECT;
                reasons.add("VALIDATE CONSTRAINT scans the table under a SHARE UPDATE EXCLUSIVE lock: writers are not blocked");
            } else if (!probe.rewrites()) {
                strategy = Strategy.DIRECT;
                reasons.add("the change is metadata-only: it neither rewrites nor scans the table");
            } else if (small) {
                strategy = Strategy.DIRECT;
                reasons.add("the table (" + DirectHold.describe(info.totalBytes()) + ") is below the direct threshold ("
                        + settings.maxDirectHold().toMillis() + " ms, " + settings.directThresholdBytes() / 1024 / 1024 + " MiB)");
            } else {
                strategy = Strategy.SHADOW;
                reasons.add("the change " + String.join(", ", probe.rewriteReasons()) + ", and the table ("
                        + DirectHold.describe(info.totalBytes()) + ") is above the direct threshold ("
                        + settings.maxDirectHold().toMillis() + " ms, " + settings.directThresholdBytes() / 1024 / 1024 + " MiB)");
            }
        } else {
            reasons.add("strategy " + strategy.name().toLowerCase(Locale.ROOT) + " was asked for");
        }
        if (strategy == Strategy.DIRECT && probe.rewrites()) {
            warnings.add("direct DDL " + String.join(", ", probe.rewriteReasons()) + " while holding its lock: writers wait for it ("
                    + DirectHold.describe(info.totalBytes()) + ")");
        }
        return new Plan(info, probe.mapping(), strategy, reasons, rewrite, refusals, warnings, destructive, gates);
    }

    /**
     * VALIDATE CONSTRAINT of a constraint the source has NOT VALID reads every row, but the probe
     * cannot show it: its empty copy validates at once (or, for a foreign key, has none).
     */
    private List<String> validationScans(TableInfo info, PgAlterClause clause) throws SQLException {
        List<String> notValidated = new PgInspector(connection).strings(
                "SELECT conname FROM pg_constraint WHERE conrelid = ? AND NOT convalidated", info.oid());
        return clause.validatedConstraints().stream().filter(notValidated::contains)
                .map(c -> "validates constraint " + c + " by scanning the table (SHARE UPDATE EXCLUSIVE: writers are not blocked)")
                .toList();
    }

    /** True when the kept old table, altered by {@code clause} in a transaction rolled back, has the table's columns now. */
    private boolean alteredBefore(TableInfo info, PgAlterClause clause, PgRunNames names) throws SQLException {
        if (PgLeftoverNamesCheck.existing(CheckContext.beforeProbe(connection, info, new ClauseFacts("", false), List.of()),
                List.of(names.old())).isEmpty()) {
            return false;
        }
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(false);
        try {
            TableInfo old = new PgInspector(connection).inspect(names.old());
            ShadowReading again = new PgShadowBuilder(connection).build(old.name(), old.indexes(), names.probe(), clause);
            return AdoptedShadow.mismatch(again.columnsAfter(), info.columns()) == null;
        } catch (OscException | SQLException notTheSame) {
            return false;
        } finally {
            connection.rollback();
            connection.setAutoCommit(autoCommit);
        }
    }

    private ShadowReading probe(TableInfo info, PgAlterClause clause, TableName probeName) throws SQLException {
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(false);
        try {
            ShadowReading reading = new PgShadowBuilder(connection).build(info.name(), info.indexes(), probeName, clause);
            PgInspector inspector = new PgInspector(connection);
            probeUniqueKeys = ChangeGates.uniqueKeys(inspector.indexes(reading.oid()));
            probeConstraints = inspector.constraints(reading.oid());
            return reading;
        } finally {
            connection.rollback();
            connection.setAutoCommit(autoCommit);
        }
    }
}
