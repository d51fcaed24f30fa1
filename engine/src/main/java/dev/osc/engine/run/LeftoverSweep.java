package dev.osc.engine.run;

import dev.osc.engine.model.TableName;
import dev.osc.engine.shadow.Leftover;
import dev.osc.engine.shadow.Leftovers;
import dev.osc.engine.shadow.RunLock;
import dev.osc.throttling.Sleeper;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * {@code osc cleanup} and {@code osc abort}, for any database: what runs left is grouped by the
 * table whose run made it; a group is touched only while this command holds that table's run
 * lock, so a live run's objects are never removed under it (cleanup leaves them and says so,
 * exit 3; abort ends the live run's sessions first and waits, bounded, for its lock). The source
 * table is never touched; an old table only by cleanup, and only when asked and old enough.
 */
public final class LeftoverSweep {
    /** How long abort waits for a live run to let go of its lock once its sessions are ended. */
    static final Duration RUN_STOP_LIMIT = Duration.ofSeconds(30);
    private static final Duration POLL = Duration.ofMillis(200);
    private static final String LIVE = "a live run holds the run lock of ";

    /** The command's verdict: its exit status, its JSON result and its lines for the operator. */
    public record Outcome(ExitStatus exit, RunResult result, List<String> lines) {
    }

    private final Leftovers leftovers;
    private final Clock clock;
    private final Sleeper sleeper;

    public LeftoverSweep(Leftovers leftovers, Clock clock, Sleeper sleeper) {
        this.leftovers = leftovers;
        this.clock = clock;
        this.sleeper = sleeper;
    }

    /**
     * Lists and (unless {@code dryRun}) removes every crashed run's leftovers; lists the old
     * tables with their age and size and drops those older than {@code dropOlderThan} (null: none).
     */
    public Outcome cleanup(boolean dryRun, Duration dropOlderThan) throws SQLException {
        List<String> lines = new ArrayList<>();
        List<String> removed = new ArrayList<>();
        List<Object> kept = new ArrayList<>();
        List<Object> oldTables = new ArrayList<>();
        boolean live = false;
        try (Connection c = leftovers.open("osc cleanup")) {
            Instant now = leftovers.now(c);
            for (Map.Entry<TableName, List<Leftover>> group : byTable(leftovers.find(c)).entrySet()) {
                TableName table = group.getKey();
                List<Leftover> items = group.getValue();
                List<Leftover> toRemove = items.stream().filter(i -> !i.isOldTable() ? !i.inUse() : oldEnough(i, now, dropOlderThan)).toList();
                RunLock lock = null;
                boolean held = false;
                if (!toRemove.isEmpty() && table != null) {
                    lock = leftovers.tryLock(table);
                    held = lock == null;
                }
                try {
                    for (Leftover item : items) {
                        String age = item.isOldTable() ? describeOld(item, now) : "";
                        String reason = held && toRemove.contains(item) ? LIVE + table
                                : item.inUse() ? "in use by a live consumer" : null;
                        if (reason != null) {
                            live = true;
                            lines.add("kept " + item + age + ": " + reason);
                            kept.add(Map.of("item", item.toString(), "reason", reason));
                        } else if (toRemove.contains(item)) {
                            if (!dryRun) {
                                leftovers.remove(c, item);
                            }
                            removed.add(item.toString());
                            lines.add((dryRun ? "would remove " : "removed ") + item + age + owner(item));
                        } else {
                            lines.add("kept " + item + age + (dropOlderThan == null ? " (drop with --drop-old-tables-older-than)"
                                    : item.keptAt() == null ? " (its age is unknown: drop it by hand)" : ""));
                        }
                        if (item.isOldTable()) {
                            oldTables.add(oldTableFields(item, now, toRemove.contains(item) && reason == null && !dryRun));
                        }
                    }
                } finally {
                    if (lock != null) {
                        lock.close();
                    }
                }
            }
        }
        String verb = dryRun ? "would remove" : "removed";
        String summary = "osc: cleanup" + (dryRun ? " (dry run)" : "") + ": " + verb + " " + removed.size()
                + (kept.isEmpty() ? "" : ", left " + kept.size() + " that a live run holds") + ", old tables " + oldTables.size();
        if (removed.isEmpty() && kept.isEmpty() && oldTables.isEmpty()) {
            summary = "osc: cleanup: nothing to clean up";
        }
        lines.add(summary);
        RunResult result = new RunResult().put("status", live ? "refused" : dryRun ? "dry-run" : "done")
                .put(dryRun ? "wouldRemove" : "removed", removed).put("kept", kept).put("oldTables", oldTables);
        return new Outcome(live ? ExitStatus.REFUSED : ExitStatus.OK, result, lines);
    }

    /**
     * Removes everything the run on {@code written} created (never the source, never an old
     * table); a live run is stopped first by ending its sessions, then its lock is awaited.
     */
    public Outcome abort(String written) throws Exception {
        try (Connection c = leftovers.open("osc abort")) {
            TableName table = leftovers.table(c, written);
            List<Leftover> before = ofTable(c, table);
            List<String> runIds = runIds(before);
            RunLock lock = leftovers.tryLock(table);
            String stopped = "";
            if (lock == null) {
                List<String> ended = leftovers.endRun(c, table, runIds);
                lock = awaitLock(c, table, runIds);
                if (lock == null) {
                    throw OscException.refused("the live run on " + table + " still holds its run lock " + RUN_STOP_LIMIT.toSeconds()
                            + " s after its sessions were ended (" + String.join(", ", leftovers.runSessions(c, table, runIds))
                            + "); nothing was removed");
                }
                stopped = "stopped the live run" + (runIds.isEmpty() ? "" : " " + String.join(", ", runIds))
                        + " (ended " + String.join(", ", ended) + "); ";
            }
            try (RunLock held = lock) {
                Set<Leftover> found = new LinkedHashSet<>(before);
                List<Leftover> now = ofTable(c, table);
                found.addAll(now);
                for (Leftover item : now) {
                    leftovers.remove(c, item);
                }
                List<Leftover> left = ofTable(c, table);
                if (!left.isEmpty()) {
                    throw OscException.failed("could not remove " + join(left) + " of the run on " + table, null);
                }
                List<String> removed = dedup(found);
                RunResult result = new RunResult().put("status", removed.isEmpty() && stopped.isEmpty() ? "nothing-to-abort" : "aborted")
                        .put("table", table.toString()).put("runIds", runIds).put("stoppedLiveRun", !stopped.isEmpty())
                        .put("removed", removed);
                String line = removed.isEmpty() && stopped.isEmpty() ? "osc: nothing to abort on " + table
                        : "osc: aborted the run on " + table + ": " + stopped + "removed "
                        + (removed.isEmpty() ? "nothing (it had removed its own)" : String.join(", ", removed))
                        + "; the source is unchanged";
                return new Outcome(ExitStatus.OK, result, List.of(line));
            }
        }
    }

    /** Waits until the run's sessions are gone (its own cleanup included) and its lock is free; null after the limit. */
    private RunLock awaitLock(Connection c, TableName table, List<String> runIds) throws Exception {
        Instant deadline = clock.instant().plus(RUN_STOP_LIMIT);
        while (true) {
            if (leftovers.runSessions(c, table, runIds).isEmpty()) {
                RunLock lock = leftovers.tryLock(table);
                if (lock != null) {
                    return lock;
                }
            }
            if (!clock.instant().isBefore(deadline)) {
                return null;
            }
            sleeper.sleep(POLL);
        }
    }

    private List<Leftover> ofTable(Connection c, TableName table) throws SQLException {
        return leftovers.find(c).stream().filter(i -> table.equals(i.table()) && !i.isOldTable()).toList();
    }

    private static List<String> runIds(List<Leftover> items) {
        return items.stream().map(Leftover::runId).filter(Objects::nonNull).distinct().toList();
    }

    /** An item found twice (before and after a live run's own cleanup) is one item. */
    private static List<String> dedup(Set<Leftover> items) {
        return items.stream().sorted(Comparator.comparing(Leftover::kind)).map(Leftover::toString).distinct().toList();
    }

    private static String join(List<Leftover> items) {
        return String.join(", ", items.stream().map(Leftover::toString).toList());
    }

    /** Groups by table (unknown last), each group in removal order: stream first, state last. */
    private static Map<TableName, List<Leftover>> byTable(List<Leftover> all) {
        Map<TableName, List<Leftover>> out = new LinkedHashMap<>();
        all.stream().sorted(Comparator.comparing((Leftover i) -> i.table() == null ? "\uffff" : i.table().toString())
                        .thenComparing(Leftover::kind).thenComparing(Leftover::name))
                .forEach(i -> out.computeIfAbsent(i.table(), t -> new ArrayList<>()).add(i));
        return out;
    }

    private static boolean oldEnough(Leftover old, Instant now, Duration limit) {
        return limit != null && old.keptAt() != null && !Duration.between(old.keptAt(), now).minus(limit).isNegative();
    }

    private static String owner(Leftover item) {
        if (item.table() == null) {
            return " (no table known)";
        }
        return item.runId() != null ? " (run " + item.runId() + " on " + item.table() + ")" : " (of " + item.table() + ")";
    }

    private static String describeOld(Leftover old, Instant now) {
        return " (" + (old.keptAt() == null ? "age unknown" : age(Duration.between(old.keptAt(), now)) + " old")
                + (old.bytes() == null ? "" : ", " + size(old.bytes())) + ")";
    }

    private static Map<String, Object> oldTableFields(Leftover old, Instant now, boolean dropped) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", old.name());
        m.put("table", old.table() == null ? null : old.table().toString());
        m.put("keptAt", old.keptAt() == null ? null : old.keptAt().toString());
        m.put("ageSeconds", old.keptAt() == null ? null : Duration.between(old.keptAt(), now).toSeconds());
        m.put("bytes", old.bytes());
        m.put("dropped", dropped);
        return m;
    }

    /** {@code 3d 4h}, {@code 2h 5m}, {@code 7m}, {@code 12s}. */
    static String age(Duration d) {
        long s = Math.max(0, d.toSeconds());
        if (s >= 86_400) {
            return s / 86_400 + "d " + s % 86_400 / 3_600 + "h";
        }
        if (s >= 3_600) {
            return s / 3_600 + "h " + s % 3_600 / 60 + "m";
        }
        return s >= 60 ? s / 60 + "m" : s + "s";
    }

    static String size(long bytes) {
        if (bytes >= 1L << 30) {
            return String.format(java.util.Locale.ROOT, "%.1f GiB", bytes / (double) (1L << 30));
        }
        return bytes >= 1L << 20 ? String.format(java.util.Locale.ROOT, "%.1f MiB", bytes / (double) (1L << 20))
                : bytes / 1024 + " KiB";
    }
}
