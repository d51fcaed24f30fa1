package dev.osc.engine.control;

import dev.osc.engine.run.ControlSettings;
import dev.osc.engine.run.OscException;
import dev.osc.throttling.Sleeper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Consumer;

/**
 * A postponed swap ({@code --postpone-cutover}, {@code --postpone-cutover-flag-file}): after the
 * checksum the run keeps applying changes and waits until the operator releases it (the
 * endpoint's {@code POST /cutover}, {@code osc cutover}) or the flag file is removed. A release
 * that comes before the wait ends it at once. A wait longer than {@link #RECHECK_AFTER} asks for a
 * fresh checksum right before the swap.
 */
public final class CutoverGate {
    /** A wait longer than this redoes the checksum before the swap. */
    public static final Duration RECHECK_AFTER = Duration.ofMinutes(1);
    /** How long one step of the wait sleeps before changes are applied and the release checked again. */
    static final Duration STEP = Duration.ofMillis(100);

    /** One step of the wait: applies the changes that came, throws when the run must stop. */
    @FunctionalInterface
    public interface Step {
        void run() throws Exception;
    }

    private final ControlSettings settings;
    private final Clock clock;
    private final Sleeper sleeper;
    private final Consumer<String> log;
    private volatile String releasedBy;
    private volatile boolean waiting;

    public CutoverGate(ControlSettings settings, Clock clock, Sleeper sleeper, Consumer<String> log) {
        this.settings = settings;
        this.clock = clock;
        this.sleeper = sleeper;
        this.log = log;
    }

    /** At the run's start: the flag file is made when missing, so that its removal is what releases the swap. */
    public void prepareFlagFile() {
        Path flag = settings.postponeCutoverFlag();
        if (flag != null && !Files.exists(flag)) {
            try {
                Files.createFile(flag);
            } catch (IOException e) {
                throw OscException.badInput("--postpone-cutover-flag-file " + flag + " cannot be created: " + e.getMessage());
            }
            log.accept("created " + flag + ": the swap waits until it is removed");
        }
    }

    public boolean postponed() {
        return settings.postponed();
    }

    /** True while the run waits here for the operator. */
    public boolean waiting() {
        return waiting;
    }

    /** Who released the swap, null while nobody has. */
    public String releasedBy() {
        return releasedBy;
    }

    /** Lets the swap go ({@code source} says who did); refused when the swap is not postponed. */
    public void release(String source) {
        if (!postponed()) {
            throw new IllegalStateException("the swap is not postponed (the run was started without --postpone-cutover)");
        }
        if (releasedBy == null) {
            releasedBy = source;
            log.accept("cut-over released " + source);
        }
    }

    /** Waits, step by step, until released; returns how long it waited (zero when not postponed). */
    public Duration await(Step step) throws Exception {
        if (!postponed()) {
            return Duration.ZERO;
        }
        Instant start = clock.instant();
        Path flag = settings.postponeCutoverFlag();
        log.accept("the swap waits for the operator: POST /cutover, osc cutover" + (flag == null ? "" : ", or remove " + flag));
        waiting = true;
        try {
            while (releasedBy == null) {
                if (flag != null && !Files.exists(flag)) {
                    release("by the removal of " + flag);
                    break;
                }
                step.run();
                sleeper.sleep(STEP);
            }
        } finally {
            waiting = false;
        }
        Duration waited = Duration.between(start, clock.instant());
        log.accept("waited " + waited.toSeconds() + " s for the operator");
        return waited;
    }

    /** True when a wait this long calls for a fresh checksum before the swap. */
    public static boolean needsNewChecksum(Duration waited) {
        return waited.compareTo(RECHECK_AFTER) > 0;
    }
}
