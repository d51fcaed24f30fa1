package dev.osc.throttling;

import java.time.Duration;
import java.util.Optional;

/**
 * Watches what the change stream needs kept for it (the slot's WAL, the binary logs) while the
 * copy may be held back: a warning when it is in danger, never a throttle and never fatal on its
 * own (what the stream then fails on is reported where it fails).
 */
public interface StreamWatch {

    /** A short stable name for the log ({@code stream-retention}). */
    String name();

    /** The danger now, if any; {@code throttledFor} is how long the copy has been held back without a break (0 when it goes). */
    Optional<String> check(Duration throttledFor) throws Exception;
}
