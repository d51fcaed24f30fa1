package dev.osc.engine.migrate;

import dev.osc.engine.run.OscException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The directory against the history: the statements still to run in version order (the rest of a
 * half-applied file first), the applied files whose checksum changed (drift), the versions in the
 * history that the directory lacks, and the files older than the latest applied version that were
 * never applied (out of order). With {@code --undo VERSION}: the undo file's statements.
 */
public record MigrationPlan(List<PendingStatement> pending, List<MigrationFile> drifted, List<String> missing,
                            List<MigrationFile> outOfOrder, int appliedVersions) {

    public static MigrationPlan of(MigrationDirectory dir, AppliedVersions history, MigrateSettings settings) {
        if (settings.undo() != null) {
            return undo(dir, history, settings.undo());
        }
        if (settings.baseline() != null && !history.empty()) {
            throw OscException.refused("--baseline " + settings.baseline() + ": " + HistoryTable.NAME
                    + " already has rows; a baseline adopts a database that has no history yet");
        }
        Optional<MigrationVersion> baseline = settings.baseline() != null ? Optional.of(settings.baseline()) : history.baseline();
        Optional<MigrationVersion> latest = history.latest();
        List<PendingStatement> pending = new ArrayList<>();
        List<MigrationFile> drifted = new ArrayList<>();
        List<MigrationFile> outOfOrder = new ArrayList<>();
        int applied = 0;
        for (MigrationFile file : dir.versioned()) {
            if (baseline.isPresent() && file.version().compareTo(baseline.get()) <= 0) {
                continue;
            }
            Optional<AppliedVersions.Applied> done = history.of(file.version());
            if (done.isPresent() && !done.get().checksum().equals(file.checksum())) {
                drifted.add(file);
            }
            if (done.isEmpty() && latest.isPresent() && file.version().compareTo(latest.get()) < 0) {
                outOfOrder.add(file);
            }
            boolean complete = true;
            for (int i = 1; i <= file.statements().size(); i++) {
                if (done.isEmpty() || !done.get().done().contains(i)) {
                    pending.add(new PendingStatement(file, i, file.statements().get(i - 1),
                            StatementKind.of(file.statements().get(i - 1).text()), HistoryRow.Kind.MIGRATE));
                    complete = false;
                }
            }
            applied += complete && done.isPresent() ? 1 : 0;
        }
        List<String> missing = history.all().stream().filter(a -> dir.versionedOf(a.version()).isEmpty())
                .map(a -> "V" + a.version() + " (" + a.script() + ")").toList();
        return new MigrationPlan(pending, drifted, missing, outOfOrder, applied);
    }

    private static MigrationPlan undo(MigrationDirectory dir, AppliedVersions history, MigrationVersion version) {
        if (history.of(version).isEmpty()) {
            throw OscException.refused("--undo " + version + ": V" + version + " is not applied");
        }
        MigrationVersion latest = history.latest().orElseThrow();
        if (!latest.equals(version)) {
            throw OscException.refused("--undo " + version + ": only the latest applied version (" + latest + ") can be undone");
        }
        MigrationFile file = dir.undoOf(version).orElseThrow(() -> OscException.badInput("--undo " + version + ": no U" + version
                + "__<description>.sql in the directory"));
        List<PendingStatement> pending = new ArrayList<>();
        for (int i = 1; i <= file.statements().size(); i++) {
            pending.add(new PendingStatement(file, i, file.statements().get(i - 1), StatementKind.of(file.statements().get(i - 1).text()),
                    HistoryRow.Kind.UNDO));
        }
        return new MigrationPlan(pending, List.of(), List.of(), List.of(), history.all().size());
    }
}
