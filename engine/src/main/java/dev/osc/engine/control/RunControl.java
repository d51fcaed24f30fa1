package dev.osc.engine.control;

import dev.osc.engine.run.OscException;
import dev.osc.engine.run.RunProgress;
import dev.osc.engine.run.RunResult;
import dev.osc.throttling.LiveThrottle;
import dev.osc.throttling.ThrottleDecision;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The live control of one run, behind its admin endpoint: pause and resume, the live settings
 * (rate, chunk target, the limits of the signals it watches), the postponed swap's release, and
 * an abort that the run obeys at its next safe point. Every change is logged with its source and
 * counted. Settings are validated all together: one bad value changes nothing.
 */
public final class RunControl {
    static final String MAX_ROWS_PER_SECOND = "max-rows-per-second";
    static final String CHUNK_TARGET_MS = "chunk-target-ms";

    private final String runId;
    private final String table;
    private final LiveThrottle throttle;
    private final RunProgress progress;
    private final RunResult result;
    private final CutoverGate gate;
    private final CopyRate rate;
    private final RunMetrics metrics;
    private final Consumer<String> log;
    private final Supplier<Map<String, Long>> throttledMillis;
    private String abortedBy;
    private boolean swapBegun;
    /** The revert window while it is open: when it ends, the old table's name, why a revert is impossible, who asked for one. */
    private java.time.Instant windowEnds;
    private String oldTable;
    private String revertProblem;
    private String revertAskedBy;

    /** {@code log} gets lines without a prefix; {@code throttledMillis} is the copy's waiting time by reason. */
    public RunControl(String runId, String table, LiveThrottle throttle, RunProgress progress, RunResult result, CutoverGate gate,
                      Clock clock, Supplier<Map<String, Long>> throttledMillis, Consumer<String> log) {
        this.runId = runId;
        this.table = table;
        this.throttle = throttle;
        this.progress = progress;
        this.result = result;
        this.gate = gate;
        this.log = log;
        this.throttledMillis = throttledMillis;
        this.rate = new CopyRate(clock);
        this.metrics = new RunMetrics(progress, result, rate, throttledMillis);
        progress.onChunk(this::chunk);
    }

    public RunMetrics metrics() {
        return metrics;
    }

    public CutoverGate gate() {
        return gate;
    }

    private void chunk(Duration took) {
        rate.chunk(took);
        metrics.chunk(took);
    }

    /** The manual pause: the copy stops before its next chunk; changes are still applied. */
    public synchronized String pause(Source source) {
        if (throttle.isPaused()) {
            return "already paused";
        }
        throttle.pause();
        changed("paused", "paused the copy", source);
        return "paused";
    }

    public synchronized String resume(Source source) {
        if (!throttle.isPaused()) {
            return "not paused";
        }
        throttle.resume();
        changed("paused", "resumed the copy", source);
        return "resumed";
    }

    /** The live settings, by name: {@code max-rows-per-second}, {@code chunk-target-ms} and the watched limits. */
    public Map<String, Object> settings() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put(MAX_ROWS_PER_SECOND, throttle.maxRowsPerSecond());
        m.put(CHUNK_TARGET_MS, throttle.chunkTarget().toMillis());
        m.putAll(throttle.limits());
        return m;
    }

    /**
     * Changes live settings; all values are checked before any is set (a bad one: {@link IllegalArgumentException}
     * with a one-line message, nothing changed). Takes effect at the next chunk.
     */
    public synchronized String set(Map<String, String> values, Source source) {
        if (values.isEmpty()) {
            throw new IllegalArgumentException("nothing to set: give KEY=VALUE, KEY one of " + String.join(", ", names()));
        }
        Map<String, Long> parsed = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : values.entrySet()) {
            parsed.put(e.getKey(), check(e.getKey(), e.getValue()));
        }
        List<String> done = new ArrayList<>();
        for (Map.Entry<String, Long> e : parsed.entrySet()) {
            Object before = settings().get(e.getKey());
            apply(e.getKey(), e.getValue());
            String change = e.getKey() + " " + before + " -> " + e.getValue();
            changed(e.getKey(), "set " + change, source);
            done.add(change);
        }
        return "set " + String.join(", ", done);
    }

    private long check(String name, String text) {
        if (!names().contains(name)) {
            throw new IllegalArgumentException("unknown setting " + name + "; the live settings are " + String.join(", ", names()));
        }
        long value;
        try {
            value = Long.parseLong(text.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a whole number, got: " + text);
        }
        if (name.equals(MAX_ROWS_PER_SECOND) && value < 0) {
            throw new IllegalArgumentException(name + " must be 0 (unlimited) or more, got: " + value);
        }
        if (name.equals(CHUNK_TARGET_MS) && (value < 1 || value > 60_000)) {
            throw new IllegalArgumentException(name + " must be between 1 and 60000, got: " + value);
        }
        if (!name.equals(MAX_ROWS_PER_SECOND) && !name.equals(CHUNK_TARGET_MS) && value < 1) {
            throw new IllegalArgumentException(name + " must be at least 1, got: " + value);
        }
        return value;
    }

    private void apply(String name, long value) {
        switch (name) {
            case MAX_ROWS_PER_SECOND -> throttle.setMaxRowsPerSecond(value);
            case CHUNK_TARGET_MS -> throttle.setChunkTarget(Duration.ofMillis(value));
            default -> throttle.setLimit(name, value);
        }
    }

    private List<String> names() {
        List<String> names = new ArrayList<>(List.of(MAX_ROWS_PER_SECOND, CHUNK_TARGET_MS));
        names.addAll(throttle.limits().keySet());
        return names;
    }

    /** Releases a postponed swap. */
    public String cutover(Source source) {
        if (swapBegun()) {
            throw new IllegalStateException("the swap has begun already");
        }
        gate.release(source.phrase());
        metrics.settingChanged("cutover", source);
        return gate.waiting() ? "the swap goes ahead" : "the swap goes ahead once the run gets there";
    }

    /** Asks the run to abort at its next safe point; refused once the swap has begun. */
    public synchronized String abort(Source source) {
        if (swapBegun) {
            throw new IllegalStateException("the swap has begun: the run can no longer be aborted");
        }
        if (abortedBy == null) {
            abortedBy = source.phrase();
            changed("abort", "abort asked: the run stops at its next safe point and removes what it created", source);
        }
        return "aborting";
    }

    /** At a safe point of the run: throws once an abort was asked for (the run then removes what it created). */
    public synchronized void abortIfAsked() {
        if (abortedBy != null) {
            throw OscException.failed("aborted " + abortedBy + ": the source is unchanged and what the run created is removed", null);
        }
    }

    /** The swap begins: from now on an abort is refused (one asked before stops the run here). */
    public synchronized void beginSwap() {
        abortIfAsked();
        swapBegun = true;
    }

    private synchronized boolean swapBegun() {
        return swapBegun;
    }

    /** The swap is done and the old table follows the new one until {@code ends}: a revert may be asked for. */
    public synchronized void openRevertWindow(java.time.Instant ends, String old) {
        windowEnds = ends;
        oldTable = old;
    }

    public synchronized void closeRevertWindow() {
        windowEnds = null;
    }

    /** The old table can no longer be kept exact: every revert asked from now on is refused with {@code problem}. */
    public synchronized void revertImpossible(String problem) {
        revertProblem = problem;
    }

    public synchronized String revertProblem() {
        return revertProblem;
    }

    /** True once a revert was asked for (the run swaps back at its next pass). */
    public synchronized boolean revertAsked() {
        return revertAskedBy != null;
    }

    /**
     * Asks for the swap back; refused (with what it would need) when no window is open, and with
     * the reason when the old table could not be kept exact.
     */
    public synchronized String revert(Source source) {
        if (windowEnds == null) {
            throw new IllegalStateException("no revert window is open on " + table + " (the run is in phase " + progress.phase.get()
                    + "): a run keeps one after its swap only when started with --revert-window DURATION");
        }
        if (revertProblem != null) {
            throw new IllegalStateException("cannot revert " + table + ": " + revertProblem);
        }
        if (revertAskedBy == null) {
            revertAskedBy = source.phrase();
            changed("revert", "revert asked: the old table " + oldTable + " is swapped back once caught up", source);
        }
        return "reverting: " + oldTable + " takes the name " + table + " back once caught up and checked";
    }

    /** The throttle's decision changed (the throttler logged it): counted by its reason. */
    public void throttleChanged(ThrottleDecision decision) {
        metrics.throttleChanged(decision.throttled() ? decision.signal() : "none");
    }

    private void changed(String setting, String what, Source source) {
        log.accept(what + " (" + source.phrase() + ")");
        metrics.settingChanged(setting, source);
    }

    /** {@code GET /status}: where the run is, how fast it goes, what holds it. */
    public Map<String, Object> status() {
        String phase = progress.phase.get();
        long rows = progress.rowsCopied.get();
        long total = Math.max(progress.estimatedRows.get(), rows);
        long perSecond = rate.rowsPerSecond(rows - progress.rowsResumed.get(), "copy".equals(phase));
        boolean copyDone = !List.of("plan", "prepare", "capture", "copy").contains(phase);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("runId", runId);
        m.put("table", table);
        m.put("phase", phase);
        m.put("rowsCopied", rows);
        m.put("estimatedRows", total);
        m.put("percent", copyDone ? 100L : total == 0 ? 0L : Math.min(100, rows * 100 / total));
        m.put("rowsPerSecond", perSecond);
        Long eta = copyDone ? Long.valueOf(0) : perSecond == 0 ? null : Long.valueOf(Math.max(0, (total - rows) / perSecond));
        m.put("etaSeconds", eta);
        m.put("chunkRows", progress.chunkRows.get());
        String reason = progress.throttleReason.get();
        m.put("paused", throttle.isPaused());
        m.put("throttled", reason != null);
        m.put("throttleReason", reason);
        m.put("throttledMsByReason", throttledMillis.get());
        m.put("streamLagMs", progress.streamLagMillis.get());
        m.put("dirtyKeys", progress.dirtyKeys.get());
        m.put("changesApplied", progress.changesApplied.get());
        Map<String, Object> cutover = new LinkedHashMap<>();
        cutover.put("state", cutoverState(phase));
        cutover.put("postponed", gate.postponed());
        cutover.put("releasedBy", gate.releasedBy());
        cutover.put("attempts", result.get("cutoverAttempts"));
        cutover.put("blockingMs", result.get("cutoverBlockingMs"));
        m.put("cutover", cutover);
        synchronized (this) {
            if (windowEnds != null || revertAskedBy != null) {
                Map<String, Object> revert = new LinkedHashMap<>();
                revert.put("windowEnds", windowEnds == null ? null : windowEnds.toString());
                revert.put("oldTable", oldTable);
                revert.put("possible", revertProblem == null);
                revert.put("problem", revertProblem);
                revert.put("askedBy", revertAskedBy);
                m.put("revert", revert);
            }
        }
        m.put("settings", settings());
        return m;
    }

    private String cutoverState(String phase) {
        if ("cleanup".equals(phase) || phase.startsWith("revert")) {
            return "done";
        }
        if ("cutover".equals(phase)) {
            return "in progress";
        }
        return gate.waiting() ? "postponed" : "pending";
    }
}
