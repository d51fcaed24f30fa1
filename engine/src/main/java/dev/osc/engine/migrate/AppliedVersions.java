package dev.osc.engine.migrate;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * What the history says is applied, read in the order it was written: per version the statements
 * that succeeded and the file's checksum then; a version undone since counts as never applied; a
 * baseline counts every version up to it as applied. Failed rows are kept for the operator and
 * change nothing here (the statement runs again).
 */
public final class AppliedVersions {

    /** One version's applied statements (1-based indexes). */
    public record Applied(MigrationVersion version, String script, String checksum, Set<Integer> done) {
    }

    private final Map<MigrationVersion, Applied> applied = new LinkedHashMap<>();
    private MigrationVersion baseline;
    private final boolean empty;

    public AppliedVersions(List<HistoryRow> rows) {
        this.empty = rows.isEmpty();
        for (HistoryRow row : rows) {
            MigrationVersion v = MigrationVersion.parse(row.version());
            switch (row.kind()) {
                case BASELINE -> baseline = row.success() ? v : baseline;
                case UNDONE -> applied.remove(v);
                case MIGRATE -> {
                    if (row.success()) {
                        Applied a = applied.computeIfAbsent(v, k -> new Applied(k, row.script(), row.checksum(), new TreeSet<>()));
                        a.done().add(row.statementIndex());
                        applied.put(v, new Applied(v, row.script(), row.checksum(), a.done()));
                    }
                }
                case UNDO -> {
                    // an undo statement: the version counts as applied until its UNDONE mark
                }
            }
        }
    }

    public boolean empty() {
        return empty;
    }

    public Optional<MigrationVersion> baseline() {
        return Optional.ofNullable(baseline);
    }

    public Optional<Applied> of(MigrationVersion version) {
        return Optional.ofNullable(applied.get(version));
    }

    public List<Applied> all() {
        return applied.values().stream().sorted((a, b) -> a.version().compareTo(b.version())).toList();
    }

    /** The highest version with an applied statement. */
    public Optional<MigrationVersion> latest() {
        return applied.keySet().stream().max(MigrationVersion::compareTo);
    }
}
