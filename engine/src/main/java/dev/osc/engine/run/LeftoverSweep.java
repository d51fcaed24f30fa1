package dev.osc.engine.run;

import dev.osc.engine.model.TableName;
import dev.osc.engine.shadow.Leftover;
import dev.osc.engine.shadow.Leftovers;
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
    /**
     * How long a run asked through its endpoint gets to stop by itself: it stops at its next safe
     * point, which a long statement (an index build, a large chunk) may hold off; then its
     * sessions are ended, which ends the statement too.
     */
    static final Duration ASKED_STOP_LIMIT = Duration.ofSeconds(5);
    private static final Duration POLL = Duration.ofMillis(200);
    private static final String LIVE = "a live run holds the run lock of ";
    private static final String UNPROVEN = "no osc state table names its run (a table osc did not make, or a run that "
            + "crashed before writing its state): not removed; drop it by hand if it is osc's";

    /** Asks the live run on a table to abort itself (through its admin endpoint); false when it cannot be asked. */
    @FunctionalInterface
    public interface LiveAbort {
        LiveAbort NONE = (c, table) -> false;

        boolean ask(Connection c, TableName table) throws Exception;
    }

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
    public Outcome cleanup(boolean dryRun, Duration dropOlderThan) throws Exception {
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
                List<Leftover> wanted = wanted(items, now, dropOlderThan);
                AutoCloseable lock = wanted.isEmpty() || table == null ? null : leftovers.tryLock(table);
                boolean held = !wanted.isEmpty() && table != null && lock == null;
                if (lock != null) {
                    // decided again under the lock: the first reading may be minutes old by this group's turn
                    items = leftovers.find(c).stream().filter(i -> table.equals(i.table())).sorted(Leftover.REMOVAL_ORDER).toList();
                    wanted = wanted(items, now, dropOlderThan);
                }
                try {
                    for (Leftover item : items) {
                        String details = details(item, now);
                        String reason = !wanted.contains(item) ? null : held ? LIVE + table
                                : item.inUse() ? "a consumer reads it (no run lock is held)" : null;
                        if (reason != null) {
                            live = true;
                            lines.add("kept " + item + details + ": " + reason);
                            kept.add(Map.of("item", item.toString(), "reason", reason));
                        } else if (wanted.contains(item)) {
                            if (!dryRun) {
                                leftovers.remove(c, item);
                            }
                            removed.add(item.toString());
                            lines.add((dryRun ? "would remove " : "removed ") + item + details);
                        } else if (!item.isOldTable()) {
                            lines.add("kept " + item + details + ": " + UNPROVEN);
                        } else {
                            lines.add("kept " + item + details + (dropOlderThan == null ? "; drop it with --drop-old-tables-older-than"
                                    : item.keptAt() == null ? "; osc did not mark it (or its age is unknown): drop it by hand" : ""));
                        }
                        if (item.isOldTable()) {
                            oldTables.add(oldTableFields(item, now, wanted.contains(item) && reason == null && !dryRun));
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
        return abort(written, LiveAbort.NONE);
    }

    /**
     * The same, but a live run that {@code live} can ask aborts itself (and removes what it
     * created) instead of having its sessions ended; its lock is awaited the same way.
     */
    public Outcome abort(String written, LiveAbort live) throws Exception {
        try (Connection c = leftovers.open("osc abort")) {
            TableName table = leftovers.table(c, written);
            List<Leftover> before = proven(leftovers.ofRun(c, table));
            List<String> runIds = runIds(before);
            AutoCloseable lock = leftovers.tryLock(table);
            String stopped = "";
            List<String> ended = List.of();
            if (lock == null && runIds.isEmpty()) {
                throw OscException.refused("a run on " + table + " holds its run lock but has written no state yet (it is planning or "
                        + "running a direct ALTER): stop it with SIGTERM or Ctrl-C where it runs; nothing was changed");
            }
            if (lock == null && before.stream().noneMatch(i -> i.kind() == Leftover.Kind.SHADOW)) {
                throw OscException.refused("the live run on " + table + " has no shadow table (it is creating it, or it has swapped and is "
                        + "finishing): try again in a moment, or let it finish; nothing was changed");
            }
            if (lock == null) {
                boolean asked = live.ask(c, table);
                lock = asked ? awaitLock(c, table, runIds, ASKED_STOP_LIMIT) : null;
                boolean stoppedItself = lock != null;
                if (lock == null) {
                    ended = leftovers.endRun(c, table, runIds);
                    lock = awaitLock(c, table, runIds, RUN_STOP_LIMIT);
                }
                if (lock == null) {
                    throw OscException.refused("the live run on " + table + " still holds its run lock " + RUN_STOP_LIMIT.toSeconds()
                            + " s after its sessions were ended" + (asked ? " (it was asked to abort through its admin endpoint first)" : "")
                            + " (" + String.join(", ", leftovers.runSessions(c, table, runIds)) + "); nothing was removed");
                }
                String sessions = ended.size() + (ended.size() == 1 ? " session" : " sessions");
                stopped = "stopped the live run" + (runIds.isEmpty() ? "" : " " + String.join(", ", runIds))
                        + (stoppedItself ? " through its admin endpoint; "
                        : asked ? " (asked through its admin endpoint, it did not stop within " + ASKED_STOP_LIMIT.toSeconds()
                                + " s, in a long statement: ended its " + sessions + "); "
                        : " (ended its " + sessions + "); ");
            }
            try (AutoCloseable held = lock) {
                String swapped = swappedPhase(c, before);
                if (swapped != null) {
                    throw OscException.refused("the run on " + table + " had swapped it before it stopped (phase " + swapped
                            + "): the table has its new shape, and there is nothing to abort; the same alter command finishes the run "
                            + "(the old table kept), osc cleanup removes its helpers; nothing was changed");
                }
                Set<Leftover> found = new LinkedHashSet<>(before);
                List<Leftover> now = proven(leftovers.ofRun(c, table));
                found.addAll(now);
                for (Leftover item : now) {
                    leftovers.remove(c, item);
                }
                List<Leftover> left = proven(leftovers.ofRun(c, table));
                if (!left.isEmpty()) {
                    throw OscException.failed("could not remove " + join(left) + " of the run on " + table, null);
                }
                List<String> removed = dedup(found);
                RunResult result = new RunResult().put("status", removed.isEmpty() && stopped.isEmpty() ? "nothing-to-abort" : "aborted")
                        .put("table", table.toString()).put("runIds", runIds).put("stoppedLiveRun", !stopped.isEmpty()).put("endedSessions", ended)
                        .put("removed", removed);
                String line = removed.isEmpty() && stopped.isEmpty() ? "osc: nothing to abort on " + table
                        : "osc: aborted the run on " + table + ": " + stopped + "removed "
                        + (removed.isEmpty() ? "nothing (it had removed its own)" : String.join(", ", removed))
                        + "; the source is unchanged";
                return new Outcome(ExitStatus.OK, result, List.of(line));
            }
        }
    }

    /** The phase of a run whose state row says its swap committed (a revert window, say), or null. */
    private String swappedPhase(Connection c, List<Leftover> items) throws SQLException {
        for (Leftover item : items) {
            if (item.kind() == Leftover.Kind.STATE && item.runId() != null) {
                String phase = leftovers.phase(c, item);
                if (dev.osc.engine.shadow.RunState.afterSwap(phase)) {
                    return phase;
                }
            }
        }
        return null;
    }

    /** Waits until the run's sessions are gone (its own cleanup included) and its lock is free; null after the limit. */
    private AutoCloseable awaitLock(Connection c, TableName table, List<String> runIds, Duration limit) throws Exception {
        Instant deadline = clock.instant().plus(limit);
        while (true) {
            if (leftovers.runSessions(c, table, runIds).isEmpty()) {
                AutoCloseable lock = leftovers.tryLock(table);
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

    /**
     * A run's helper tables are osc's when its state table names the run (a table of a state
     * table's name that is not one has no readable run id); slots, publications and a sentry
     * marked by its comment prove themselves.
     */
    private static boolean verified(List<Leftover> group) {
        return group.stream().anyMatch(i -> i.kind() == Leftover.Kind.STATE && i.runId() != null);
    }

    /** What cleanup removes of one table's group: proven helpers, and old tables old enough. */
    private static List<Leftover> wanted(List<Leftover> items, Instant now, Duration dropOlderThan) {
        boolean verified = verified(items);
        return items.stream().filter(i -> i.isOldTable() ? oldEnough(i, now, dropOlderThan) : verified || provenAlone(i)).toList();
    }

    private static boolean provenAlone(Leftover item) {
        return item.relation() == null || (item.kind() == Leftover.Kind.SENTRY && item.runId() != null);
    }

    /** What abort may remove of a run: everything when its state names it, else only what proves itself. */
    private static List<Leftover> proven(List<Leftover> items) {
        boolean verified = verified(items);
        return items.stream().filter(i -> verified || provenAlone(i)).toList();
    }

    private static List<String> runIds(List<Leftover> items) {
        return items.stream().map(Leftover::runId).filter(Objects::nonNull).distinct().toList();
    }

    /** An item found twice (before and after a live run's own cleanup) is one item. */
    private static List<String> dedup(Set<Leftover> items) {
        return items.stream().sorted(Leftover.REMOVAL_ORDER).map(Leftover::toString).distinct().toList();
    }

    private static String join(List<Leftover> items) {
        return String.join(", ", items.stream().map(Leftover::toString).toList());
    }

    /** Groups by table (unknown last), each group in removal order: stream first, state last. */
    private static Map<TableName, List<Leftover>> byTable(List<Leftover> all) {
        Map<TableName, List<Leftover>> out = new LinkedHashMap<>();
        all.stream().sorted(Comparator.comparing((Leftover i) -> i.table() == null ? "\uffff" : i.table().toString())
                        .thenComparing(Leftover.REMOVAL_ORDER))
                .forEach(i -> out.computeIfAbsent(i.table(), t -> new ArrayList<>()).add(i));
        return out;
    }

    private static boolean oldEnough(Leftover old, Instant now, Duration limit) {
        return limit != null && old.keptAt() != null && !Duration.between(old.keptAt(), now).minus(limit).isNegative();
    }

    /** {@code  (run R of s.t)}, {@code  (of s.t, 2h 5m old, 1.2 GiB)}. */
    private static String details(Leftover item, Instant now) {
        List<String> parts = new ArrayList<>();
        parts.add(item.table() == null ? "no table known" : (item.runId() != null ? "run " + item.runId() + " of " : "of ") + item.table());
        if (item.isOldTable()) {
            parts.add(item.keptAt() == null ? "age unknown" : age(Duration.between(item.keptAt(), now)) + " old");
            if (item.bytes() != null) {
                parts.add(size(item.bytes()));
            }
        }
        return " (" + String.join(", ", parts) + ")";
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
