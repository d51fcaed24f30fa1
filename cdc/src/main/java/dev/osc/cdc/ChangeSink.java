package dev.osc.cdc;

/** Receives one delivered batch of changed keys, on the stream's own thread. */
@FunctionalInterface
public interface ChangeSink {
    void accept(ChangeBatch batch);
}
