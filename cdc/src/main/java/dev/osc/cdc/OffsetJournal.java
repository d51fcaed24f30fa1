package dev.osc.cdc;

/**
 * Where a stream's offsets live between runs: the engine's state row, so that a restarted run
 * (after a crash) finds the last acknowledged position where it left it. The text is the one
 * {@link DurableOffsetStore} wrote; null when none was saved yet.
 */
public interface OffsetJournal {
    /** The offsets saved last, or null. */
    String load() throws Exception;

    /** Replaces the saved offsets; called on the stream's offset-flush thread. */
    void save(String offsets) throws Exception;
}
