package dev.osc.engine.shadow;

import dev.osc.engine.copy.CopyLoop;
import dev.osc.engine.copy.DirtyKeys;
import dev.osc.engine.copy.KeyApplier;
import java.sql.Connection;
import java.time.Duration;
import java.util.function.Consumer;

/**
 * What a dialect's write-blocking steps (the checksum's hold, the swap) work with: the lock
 * connection, a second connection (MySQL's rename), the fence, the copy loop with its applier
 * for catching up before each lock attempt, the dirty keys, and where to report retries.
 */
public record LockedContext(
        Connection lockConnection,
        Connection secondConnection,
        FenceWriter fence,
        CopyLoop loop,
        KeyApplier catchUpApplier,
        DirtyKeys dirty,
        Duration lockTimeout,
        Duration fenceTimeout,
        Consumer<String> onRetry) {
}
