package dev.osc.cdc;

import java.util.List;

/** Receives the changed keys of one delivered batch, on the stream's own thread. */
@FunctionalInterface
public interface ChangeSink {
    void accept(List<ChangedKey> batch);
}
